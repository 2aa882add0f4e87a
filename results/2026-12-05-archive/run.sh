#!/usr/bin/env bash
# Archival throughput, row path (Composite) and partition path (Partitioned) over the same 1M seeded trades, with the
# retention cutoff on a month boundary and mid-month, no pause between chunks. Run from the repository root:
#   bash results/2026-12-05-archive/run.sh
set -euo pipefail
here=results/2026-12-05-archive
dotnet build -c Release bench >/dev/null
for run in "month-boundary 2026-12-01" "mid-month 2026-11-25"; do
  set -- $run
  rm -rf "${here:?}/$1"  # --results refuses a folder that holds an earlier run
  dotnet bench/bin/Release/net10.0/Perf.Bench.dll archive --rows 1000000 --pause-ms 0 --now "$2" --results "$here/$1" 2>&1 | tee "$here/$1.txt"
done
