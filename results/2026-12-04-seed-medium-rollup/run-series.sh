#!/bin/bash
# The series in this folder: medium seeds into three variants (each replacing the last run's 35 GB), one at a time, on
# the same data directory, with the CPU of mariadbd and the seeder (cpu.txt) and vmstat sampled beside each run
# (cpu-sampler.sh, then in ../2026-12-04-seed-medium-sort/, a folder since removed; vmstat's output is not kept). Each commit ran from its own worktree, built with `dotnet build seed -c Release`:
#   /tmp/old    2218baa  before
#   /tmp/new    33a70b5  the rollup keyed by integers, times formatted by hand
#   /tmp/copy   6eadfe1  + the composite copy through copy_file_range (replaced by 2e2161c)
#   /tmp/direct 2e2161c  + the composite copy with direct I/O
# It ran as three invocations of this function, in the order of the lines below (the second was stopped after rollup3:
# its copy2, the next run of 6eadfe1, was not needed once copy1 had shown where the copy's CPU went); the runs' console
# output (out.txt, err.txt) is not kept.
one() { # name worktree
  d=/tmp/runs2/$1; mkdir -p $d; cd $2
  bash /work/main/results/2026-12-04-seed-medium-sort/cpu-sampler.sh > $d/cpu.txt & s=$!
  vmstat 5 > $d/vmstat.txt & v=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset --mysql-datadir /work/main/.perf/mysql --results $d > $d/out.txt 2> $d/err.txt
  kill $s $v
}
one new1 /tmp/new
one old1 /tmp/old
one new2 /tmp/new
one old2 /tmp/old
one copy1 /tmp/copy
one rollup3 /tmp/new
one direct1 /tmp/direct
one rollup4 /tmp/new
one direct2 /tmp/direct
