#!/bin/bash
# The medium seed into three variants on a server that holds no earlier seed ("fresh", the command a new user runs), beside
# the same seed replacing the last run's 35 GB ("reset", as results/2026-12-05-seed-medium/run.sh, in git history at bbc4476, runs it). From the
# repository root of the commit to measure, built with `dotnet build seed -c Release`:
#   results/2026-12-05-seed-medium-fresh/run.sh fresh1 reset1 fresh2 reset2 …
# one run at a time with nothing else running. A NAME starting with "fresh" first deletes the local server's data
# directory (.perf/mysql; untimed, its server is not running between runs), so the seeder's own local server starts on a
# new one. Each run writes its manifest and seed.json (phase timeline, server and seeder CPU) under NAME/, and the
# command's whole wall time (server start included) to NAME/wall.txt. Console output is not kept.
set -u
R=$(cd "$(dirname "$0")" && pwd)
for name in "$@"; do
  d=$R/$name; rm -rf "${d:?}"; mkdir -p $d  # --results refuses a folder that holds an earlier run
  if pgrep -x mariadbd > /dev/null; then echo "a mariadbd is running: stop it first"; exit 1; fi
  reset=--reset
  case $name in fresh*) rm -rf .perf/mysql; reset=; sync; sleep 20 ;; esac
  start=$(date +%s.%N)
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base $reset \
    --mysql-datadir "$PWD/.perf/mysql" --results $d > /dev/null 2> $d.err || { echo "$name failed: $d.err"; exit 1; }
  echo "$(date +%s.%N) - $start" | bc > $d/wall.txt
  rm -f $d.err
done
