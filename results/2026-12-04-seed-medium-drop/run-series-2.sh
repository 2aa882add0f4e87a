#!/bin/bash
# The second series in this folder, as run-series.sh: the change with each table imported once the source's is indexed
# (a worktree of 4097750 at /tmp/pipe) alternating with the commit before it (a3b4f57 at /tmp/new).
one() { # name repository
  d=/tmp/runs/$1; mkdir -p $d; cd $2
  bash /work/main/results/2026-12-04-seed-medium-sort/cpu-sampler.sh > $d/cpu.txt & s=$!
  vmstat 5 > $d/vmstat.txt & v=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset --mysql-datadir /work/main/.perf/mysql --results $d > $d/out.txt 2> $d/err.txt
  kill $s $v
}
one pipe1 /tmp/pipe
one drop3 /tmp/new
one pipe2 /tmp/pipe
