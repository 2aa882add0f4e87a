#!/bin/bash
# The series in this folder: medium seeds into three variants, one at a time, the commit before (a worktree of 1f121d4
# at /tmp/base, built with `dotnet build seed -c Release`) alternating with this change (/work/main at 1ac8f10), on the
# same data directory, each with the CPU of mariadbd and the seeder (cpu.txt), vmstat (vmstat.txt), and the space used
# in /dev/shm with the memory available (shm.txt) sampled beside it.
shm() { while true; do echo "$(date +%s) $(df -B1 /dev/shm | awk 'NR==2{print $3}') $(awk '/MemAvailable/{print $2*1024}' /proc/meminfo)"; sleep 2; done; }
one() { # name repository
  d=/tmp/runs/$1; mkdir -p $d; cd $2
  bash /work/main/results/2026-12-04-seed-medium-sort/cpu-sampler.sh > $d/cpu.txt & s=$!
  vmstat 5 > $d/vmstat.txt & v=$!
  shm > $d/shm.txt & m=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset --mysql-datadir /work/main/.perf/mysql --results $d > $d/out.txt 2> $d/err.txt
  kill $s $v $m
}
one base1 /tmp/base
one new1 /work/main
one base2 /tmp/base
one new2 /work/main
one new3 /work/main
