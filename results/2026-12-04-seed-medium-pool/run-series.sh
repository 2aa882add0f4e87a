#!/bin/bash
# The series in this folder: medium seeds into three variants (each replacing the last run's 35 GB), one at a time, on
# the same data directory, all from one worktree of bfee83b (built with `dotnet build seed -c Release`), alternating the
# buffer pool of the server they seed: a mariadbd started by hand with the harness's own settings
# (src/Perf.Harness/Provisioning/ProvisioningOptions.cs) but the pool size, passed to the seeder with --mysql.
# Beside each run: the CPU seconds of mariadbd and the seeder every 5 s (cpu.txt, ../2026-12-04-seed-medium-rollup/cpu-sampler.sh)
# and the machine's disk totals before and after (disk.txt: /proc/diskstats of vda, sectors of 512 bytes).
# The runs' console output (out.txt, err.txt) is not kept.
H=/work/main/.perf/mysql
PASS=$(sed 's/.*"Password":"\([^"]*\)".*/\1/' $H/credentials.json)
one() { # name pool
  d=/tmp/runs4/$1; mkdir -p $d/server
  /usr/sbin/mariadbd --no-defaults --datadir=$H/data --tmpdir=$H/tmp --socket=$d/server/sock --pid-file=$d/server/pid \
    --log-error=$d/server/err.log --secure-file-priv=$H --port=33999 --bind-address=127.0.0.1 \
    --innodb-buffer-pool-size=$2 --innodb-flush-log-at-trx-commit=2 --innodb-log-file-size=512M --skip-name-resolve \
    --local-infile=1 --max-connections=500 --max-allowed-packet=256M --performance-schema=OFF --skip-log-bin \
    --character-set-server=utf8mb4 --default-time-zone=+00:00 --innodb-buffer-pool-load-at-startup=OFF \
    --innodb-buffer-pool-dump-at-shutdown=OFF --query-cache-type=0 --query-cache-size=0 --user=root &
  for i in $(seq 60); do mariadb -S $d/server/sock -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
  cd /tmp/wt-pool
  grep ' vda ' /proc/diskstats > $d/disk.txt
  bash /work/main/results/2026-12-04-seed-medium-rollup/cpu-sampler.sh > $d/cpu.txt & s=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset \
    --mysql "Server=127.0.0.1;Port=33999;User ID=perf_admin;Password=$PASS" --results $d > $d/out.txt 2> $d/err.txt
  kill $s
  grep ' vda ' /proc/diskstats >> $d/disk.txt
  mariadb-admin -S $d/server/sock -uroot shutdown; sleep 5
}
one pool8a 8G
one pool2a 2G
one pool8b 8G
one pool2b 2G
