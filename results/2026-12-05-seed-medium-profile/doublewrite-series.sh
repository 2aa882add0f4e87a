#!/bin/bash
# doublewrite-series.sh 1 0 1 0: restarts the harness's local server by hand (../2026-12-04-seed-server-costs/srv.sh) with
# innodb_doublewrite (read-only in MariaDB 10.11) on or off, then runs doublewrite-step.sh once. Needs a complete medium seed in base_basic.
H=/work/main/.perf/mysql
stop() { mariadb -S $H/mysqld.sock -uroot -e shutdown; while pgrep -x mariadbd >/dev/null; do sleep 1; done; }
for dw in "$@"; do
  stop; bash /work/main/results/2026-12-04-seed-server-costs/srv.sh --innodb-doublewrite=$dw >/dev/null
  mariadb -S $H/mysqld.sock -uroot -N -e "select 'doublewrite', @@innodb_doublewrite"
  mariadb -S $H/mysqld.sock -uroot -N -e "select count(*) from base_basic.dd_telemetry_metrics" >/dev/null  # warm the PK a little
  bash "$(dirname "$0")/doublewrite-step.sh" A
done
