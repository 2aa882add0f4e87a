#!/bin/bash
# Reference runs of the medium seed into three variants, from the repository root of the commit to measure, built with
# `dotnet build seed -c Release`: `results/2026-12-05-seed-medium/run.sh own1 own2 …`, one run at a time with nothing
# else running. Each run seeds the harness's own local server (data directory .perf/mysql), replacing the last run's
# 35 GB in base_*, and writes its manifest and seed.json (phase timeline, server and seeder CPU) under NAME/.
# Console output is not kept.
R=$(cd "$(dirname "$0")" && pwd)
for name in "$@"; do
  d=$R/$name; mkdir -p $d
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset \
    --mysql-datadir "$PWD/.perf/mysql" --results $d > /dev/null 2> $d.err || { echo "$name failed: $d.err"; exit 1; }
  rm -f $d.err
done
