#!/bin/bash
# The series in this folder: medium seeds into three variants (each replacing the last run's 35 GB), one at a time, on
# the same data directory, all from one worktree of 99a335f (the seeder as at 12acf0e; built with `dotnet build seed -c
# Release` in /tmp/wt-spin), alternating InnoDB's spin waits: a mariadbd started by hand with the harness's own settings
# (src/Perf.Harness/Provisioning/ProvisioningOptions.cs), either as they are (spin runs: innodb_sync_spin_loops 30,
# innodb_spin_wait_delay 4, the server's defaults) or with both at 0 (nospin runs: a thread waiting for an InnoDB mutex
# sleeps at once instead of spinning first), passed to the seeder with --mysql.
# Beside each run: the CPU seconds of mariadbd and the seeder every 5 s (cpu.txt, ../2026-12-04-seed-medium-rollup/cpu-sampler.sh)
# and the disk totals before and after (disk.txt: /proc/diskstats of vda, sectors of 512 bytes). Console output is not kept.
H=/work/main/.perf/mysql
R=/work/main/results/2026-12-05-seed-medium-spin
PASS=$(sed 's/.*"Password":"\([^"]*\)".*/\1/' $H/credentials.json)
one() { # name extra-server-flags...
  local name=$1; shift
  d=$R/$name; s=/tmp/spin-$name; mkdir -p $d $s
  /usr/sbin/mariadbd --no-defaults --datadir=$H/data --tmpdir=$H/tmp --socket=$s/sock --pid-file=$s/pid \
    --log-error=$s/err.log --secure-file-priv=$H --port=33999 --bind-address=127.0.0.1 \
    --innodb-buffer-pool-size=2G --innodb-flush-log-at-trx-commit=2 --innodb-log-file-size=512M --skip-name-resolve \
    --local-infile=1 --max-connections=500 --max-allowed-packet=256M --performance-schema=OFF --skip-log-bin \
    --character-set-server=utf8mb4 --default-time-zone=+00:00 --innodb-buffer-pool-load-at-startup=OFF \
    --innodb-buffer-pool-dump-at-shutdown=OFF --query-cache-type=0 --query-cache-size=0 --user=root "$@" &
  for i in $(seq 60); do mariadb -S $s/sock -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
  cd /tmp/wt-spin
  grep ' vda ' /proc/diskstats > $d/disk.txt
  bash /work/main/results/2026-12-04-seed-medium-rollup/cpu-sampler.sh > $d/cpu.txt & c=$!
  dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset \
    --mysql "Server=127.0.0.1;Port=33999;User ID=perf_admin;Password=$PASS" --results $d > $s/out.txt 2> $s/err.txt
  echo "$name exit $?" >> /tmp/spin.log
  kill $c
  grep ' vda ' /proc/diskstats >> $d/disk.txt
  mariadb-admin -S $s/sock -uroot shutdown; sleep 5
}
for r in "$@"; do
  case $r in nospin*) one $r --innodb-sync-spin-loops=0 --innodb-spin-wait-delay=0;; spin*) one $r;; esac
done
