#!/usr/bin/env bash
# The report each subset of the stored sizes alone gives, rendered again from measurements.json (no server), and the
# line under its first screen that says how far its projections held: subsets.txt. Run from the repository root.
set -euo pipefail
folder=results/2026-12-06-projection-check
dotnet build -c Release bench >/dev/null
{
  echo "# bash $folder/subsets.sh at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (dirty)')"
  for sizes in 100k,300k,1M,3M 100k,300k,1M,10M 300k,1M,3M,10M 100k,300k,3M,10M; do
    out=$(mktemp -d)
    dotnet run -c Release --no-build --project bench -- report --measurements "$folder/measurements.json" \
      --sizes "$sizes" --start 2026-12-06 --profiles 100 --trades-per-day 50 --years 5 --results "$out" >/dev/null
    echo
    echo "## --sizes $sizes"
    grep -m1 '^Projections beyond the largest size measured' "$out/report.md"
    rm -rf "$out"
  done
} > "$folder/subsets.txt"
