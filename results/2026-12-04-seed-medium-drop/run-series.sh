#!/bin/bash
# The series in this folder: medium seeds into three variants (each replacing the last run's 35 GB), one at a time, the
# commit before (a worktree of 8df48ab at /tmp/base) alternating with the change (a worktree of a3b4f57 at /tmp/new),
# both built with `dotnet build seed -c Release`, on the same data directory, with the CPU of mariadbd and the seeder
# (cpu.txt) and vmstat (vmstat.txt) sampled beside each run. drop3 ran after a series with the reverted per-table import
# (4097750, not kept); final2 ran by hand from /work/main at eccd6d7 with the same seed command.
one() { # name repository
  d=/tmp/runs/$1; mkdir -p $d; cd $2
  bash /work/main/results/2026-12-04-seed-medium-sort/cpu-sampler.sh > $d/cpu.txt & s=$!
  vmstat 5 > $d/vmstat.txt & v=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset --mysql-datadir /work/main/.perf/mysql --results $d > $d/out.txt 2> $d/err.txt
  kill $s $v
}
one base1 /tmp/base
one drop1 /tmp/new
one base2 /tmp/base
one drop2 /tmp/new
one drop3 /tmp/new
