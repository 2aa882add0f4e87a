#!/bin/bash
# The server's own estimate of an index build (Innodb_onlineddl_pct_progress, 10000 = 100 %), read once a second while
# one ALTER adds two indexes to the trades of run2's data: on Composite's table (one tablespace), then on Partitioned's
# (30 partitions). Run by hand after run.sh, on the seeder's local server started over run2's data directory:
#   index-estimate.sh SOCKET > index-estimate.txt
set -u
q() { mariadb --socket="$1" -u root -N -B -e "$2"; }
for table in telemetry_composite.dd_trade_performance telemetry_partitioned.dd_trade_performance; do
  q "$1" "ALTER TABLE $table DROP INDEX idx_trades_type_time, DROP INDEX idx_trades_exit_reason"
  rm -f /tmp/index-estimate.done
  ( q "$1" "ALTER TABLE $table ADD INDEX idx_trades_type_time (trade_type, entry_time), ADD INDEX idx_trades_exit_reason (exit_reason)"; touch /tmp/index-estimate.done ) &
  start=$(date +%s.%N); line="$table (partitions: $(q "$1" "SELECT COUNT(PARTITION_NAME) FROM information_schema.PARTITIONS WHERE CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) = '$table'")), seconds:estimate"
  while [ ! -f /tmp/index-estimate.done ]; do
    line="$line $(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)"):$(q "$1" "SHOW GLOBAL STATUS LIKE 'Innodb_onlineddl_pct_progress'" | cut -f2)"
    sleep 1
  done
  echo "$line"
done
