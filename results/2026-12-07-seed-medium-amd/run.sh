#!/bin/bash
# The literal medium seed of #17 on a fresh server, twice, then the seeder against plain LOAD DATA by 12 pairs; one
# after the other with nothing else running. From the repository root of a clean clone of the commit to measure, built
# once with `dotnet build seed -c Release` (dotnet run's up-to-date check stays in the timed command, as a user runs it):
#   results/2026-12-07-seed-medium-amd/run.sh
# Each seed starts from no .perf/mysql (removed untimed), so the seeder's own local server initializes a new one inside
# the timed command. run2 also sampled the machine's CPU once a second (sample.sh -> run2/cpu.tsv, read by cpu.py; those
# three and cpu.txt are in git history at 1f00b8c, and every seed since records the same itself: coreUse in seed.json).
# run3, run4 and pairs12b are the same commands, later the same morning (06:11-06:33 UTC), at 4fbe29a: without the
# sampler, since the seeder records its cores' use itself from 0b77a46 on (coreUse in seed.json); pairs12b ran between
# run3 and run4.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if pgrep -x mariadbd > /dev/null; then echo "a mariadbd is running: stop it first"; exit 1; fi
for name in run1 run2; do
  rm -rf "${here:?}/$name" .perf/mysql; mkdir -p "$here/$name"; sync  # --results refuses a folder that holds an earlier run
  sleep 15
  start=$(date +%s.%N)
  dotnet run -c Release --project seed -- --preset medium --results "$here/$name" > /dev/null 2> "$here/$name.err" || { echo "$name failed: $here/$name.err"; exit 1; }
  printf '%.2f\n' "$(echo "$(date +%s.%N) - $start" | bc)" > "$here/$name/wall.txt"
  rm -f "$here/$name.err"
done
rm -rf "$here/pairs12"
dotnet run -c Release --project seed -- bench-load --repeat 12 --results "$here/pairs12" > /dev/null
