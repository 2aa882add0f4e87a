#!/bin/bash
# The series in this folder: medium seeds into three variants (each replacing the last run's 35 GB), one at a time, on
# the harness's own local server (data directory /work/main/.perf/mysql), alternating two builds:
#   base: 12acf0e, the metric windows loaded after the chunks (worktree /tmp/wt-base)
#   new:  b164707, the metric windows loaded beside the chunks (worktree /tmp/wt-new)
# each built with `dotnet build seed -c Release`. Beside each run: the CPU seconds of mariadbd and the seeder every 5 s
# (cpu.txt, ../2026-12-04-seed-medium-rollup/cpu-sampler.sh) and the disk totals before and after (disk.txt:
# /proc/diskstats of vda, sectors of 512 bytes). The runs' console output is not kept.
R=/work/main/results/2026-12-05-seed-medium-overlap
one() { # name worktree
  d=$R/$1; mkdir -p $d
  cd $2
  grep ' vda ' /proc/diskstats > $d/disk.txt
  bash /work/main/results/2026-12-04-seed-medium-rollup/cpu-sampler.sh > $d/cpu.txt & s=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset \
    --mysql-datadir /work/main/.perf/mysql --results $d > /tmp/series-$1.out 2> /tmp/series-$1.err
  echo "$1 exit $?" >> /tmp/series.log
  kill $s
  grep ' vda ' /proc/diskstats >> $d/disk.txt
}
for r in "$@"; do
  case $r in new*) one $r /tmp/wt-new;; base*) one $r /tmp/wt-base;; esac
done
