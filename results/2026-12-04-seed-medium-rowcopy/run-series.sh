#!/bin/bash
# The series in this folder: medium seeds into three variants (each replacing the last run's 35 GB), one at a time, on
# the same data directory, alternating two commits, each from its own worktree built with `dotnet build seed -c Release`:
#   /tmp/wt-base  a1ed09e  before (row copies by InnoDB's bulk path)
#   /tmp/wt-row   0e292ca  row copies row by row
# Beside each run: the CPU seconds of mariadbd and the seeder every 5 s (cpu.txt, ../2026-12-04-seed-medium-rollup/cpu-sampler.sh)
# and the machine's disk totals before and after (disk.txt: /proc/diskstats of vda, sectors of 512 bytes).
# The runs' console output (out.txt, err.txt) is not kept.
one() { # name worktree
  d=/tmp/runs3/$1; mkdir -p $d; cd $2
  grep ' vda ' /proc/diskstats > $d/disk.txt
  bash /work/main/results/2026-12-04-seed-medium-rollup/cpu-sampler.sh > $d/cpu.txt & s=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset --mysql-datadir /work/main/.perf/mysql --results $d > $d/out.txt 2> $d/err.txt
  kill $s
  grep ' vda ' /proc/diskstats >> $d/disk.txt
}
one row1 /tmp/wt-row
one base1 /tmp/wt-base
one row2 /tmp/wt-row
one base2 /tmp/wt-base
