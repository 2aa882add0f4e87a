#!/bin/bash
# run5, run6 and pairs12c: run.sh's commands again at the end of the morning (from 08:4x UTC), at 9bd5f87, whose seeder
# runs the same statements as run3's and run4's and whose bench-load starts every run with both sides' databases dropped
# (results/2026-12-07-seed-bench-load-drop/). From the repository root of a clean clone of that commit, built once with
# `dotnet build seed -c Release`, with nothing else running:
#   results/2026-12-07-seed-medium-amd/run-late.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
if pgrep -x mariadbd > /dev/null; then echo "a mariadbd is running: stop it first"; exit 1; fi
for name in run5 run6; do
  rm -rf "${here:?}/$name" .perf/mysql; mkdir -p "$here/$name"; sync
  sleep 15
  start=$(date +%s.%N)
  dotnet run -c Release --project seed -- --preset medium --results "$here/$name" > /dev/null 2> "$here/$name.err" || { echo "$name failed: $here/$name.err"; exit 1; }
  printf '%.2f\n' "$(echo "$(date +%s.%N) - $start" | bc)" > "$here/$name/wall.txt"
  rm -f "$here/$name.err"
done
rm -rf "$here/pairs12c" .perf/mysql
dotnet run -c Release --project seed -- bench-load --repeat 12 --results "$here/pairs12c" > /dev/null
rm -rf .perf/mysql
