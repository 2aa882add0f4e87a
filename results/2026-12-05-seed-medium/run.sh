#!/bin/bash
# Reference runs of the medium seed into three variants, from the repository root of the commit to measure, built with
# `dotnet build seed -c Release`: `results/2026-12-05-seed-medium/run.sh own1 own2 …`, one run at a time with nothing
# else running. Each run seeds the harness's own local server (data directory .perf/mysql), replacing the last run's
# 35 GB in base_*. Beside each run: the CPU seconds of mariadbd and the seeder every 5 s (cpu.txt, cpu-sampler.sh) and the
# disk totals before and after (disk.txt: /proc/diskstats of vda, sectors of 512 bytes). Console output is not kept.
R=$(cd "$(dirname "$0")" && pwd)
for name in "$@"; do
  d=$R/$name; mkdir -p $d
  grep ' vda ' /proc/diskstats > $d/disk.txt
  bash $R/cpu-sampler.sh > $d/cpu.txt & sampler=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset \
    --mysql-datadir "$PWD/.perf/mysql" --results $d > /dev/null 2> $d.err || { echo "$name failed: $d.err"; kill $sampler; exit 1; }
  kill $sampler
  rm -f $d.err
  grep ' vda ' /proc/diskstats >> $d/disk.txt
done
