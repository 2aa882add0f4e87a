#!/bin/bash
# The hand runs behind 0e292ca, before the series (isolated.txt): copies by INSERT ... SELECT from base_basic (a complete
# medium seed) into empty tables without secondary indexes, in 1M-id statements (autocommit, as the seeder's row copy
# does), with InnoDB's bulk path (unique_checks=0, the seeder's session) and row by row (unique_checks=1); LOAD DATA of
# the same 5M metric windows for comparison. The server: a mariadbd started by hand on the same data directory with the
# harness's settings (2 GB pool; see ../2026-12-04-seed-medium-pool/run-series.sh for the command line), socket $SOCK.
# Printed per statement batch: wall seconds, mariadbd CPU seconds (/proc/<pid>/stat), bytes it had written to storage
# (write_bytes) and through write calls (wchar, which counts temporary files even in a tmpfs) from /proc/<pid>/io.
SOCK=${SOCK:-/tmp/exp/sock}; PID=$(pgrep -x mariadbd | head -1); hz=$(getconf CLK_TCK)
sql() { mariadb -S $SOCK -uroot "$@"; }
measure() { # label, SQL on stdin
  local c0 c1 w0 w1 t0 t1
  c0=$(awk '{print $14+$15}' /proc/$PID/stat); w0=$(awk '/^(wchar|write_bytes)/{printf "%s ", $2}' /proc/$PID/io); t0=$(date +%s.%N)
  sql
  t1=$(date +%s.%N); c1=$(awk '{print $14+$15}' /proc/$PID/stat); w1=$(awk '/^(wchar|write_bytes)/{printf "%s ", $2}' /proc/$PID/io)
  python3 -c "import sys; w0=list(map(int,'$w0'.split())); w1=list(map(int,'$w1'.split())); print(f'$1 wall={$t1-$t0:.1f} s cpu={($c1-$c0)/$hz:.1f} s written={(w1[1]-w0[1])/1e9:.2f} GB wchar={(w1[0]-w0[0])/1e9:.2f} GB')"
}
M='id, profile_id, metric_type, metric_name, window_type, window_start, window_end, sample_count, value_sum, value_min, value_max, positive_count, negative_count, updated_at'
T='id, profile_id, symbol, trade_type, side, entry_time, exit_time, entry_price, exit_price, quantity, pnl, pnl_percent, exit_reason, created_at'
empty() { # table like source-table, indexes to drop
  echo "CREATE DATABASE IF NOT EXISTS exp; DROP TABLE IF EXISTS exp.$1; CREATE TABLE exp.$1 LIKE $2;
        ALTER TABLE exp.$1 $(for i in $3; do printf 'DROP INDEX %s, ' $i; done) STATS_AUTO_RECALC = 0;" | sql
}
copy() { # unique_checks, target, source, columns, batches
  echo "SET SESSION unique_checks = $1, SESSION foreign_key_checks = 0;"
  for i in $(seq 0 $(($5 - 1))); do echo "INSERT INTO exp.$2 ($4) SELECT $4 FROM $3 WHERE id > $((i * 1000000)) AND id <= $(((i + 1) * 1000000));"; done
}
PM="uk_metrics_window idx_metrics_profile_type_name idx_metrics_window_range idx_metrics_profile_window idx_metrics_type_name"
BM="uk_metrics_window idx_metrics_profile_type_name idx_metrics_window_range"
PT="idx_trades_profile_time idx_trades_symbol_time idx_trades_type_time idx_trades_exit_reason idx_trades_profile_time_id"
for run in 1 2; do
  for uc in 0 1; do
    empty pm base_partitioned.dd_telemetry_metrics "$PM"; copy $uc pm base_basic.dd_telemetry_metrics "$M" 5 | measure "metrics->partitioned unique_checks=$uc"
    empty pt base_partitioned.dd_trade_performance "$PT"; copy $uc pt base_basic.dd_trade_performance "$T" 4 | measure "trades->partitioned unique_checks=$uc"
  done
done
empty bm base_basic.dd_telemetry_metrics "$BM"; copy 0 bm base_basic.dd_telemetry_metrics "$M" 5 | measure "metrics->basic-like unique_checks=0"
echo "SELECT $M FROM base_basic.dd_telemetry_metrics WHERE id <= 5000000 INTO OUTFILE '/tmp/exp/m5.txt'" | sql
for uc in 0 1; do
  empty bm base_basic.dd_telemetry_metrics "$BM"
  echo "SET SESSION unique_checks = $uc, SESSION foreign_key_checks = 0; LOAD DATA INFILE '/tmp/exp/m5.txt' INTO TABLE exp.bm ($M);" | measure "LOAD DATA metrics->basic-like unique_checks=$uc"
  empty pm base_partitioned.dd_telemetry_metrics "$PM"
  echo "SET SESSION unique_checks = $uc, SESSION foreign_key_checks = 0; LOAD DATA INFILE '/tmp/exp/m5.txt' INTO TABLE exp.pm ($M);" | measure "LOAD DATA metrics->partitioned unique_checks=$uc"
done
rm -f /tmp/exp/m5.txt; echo "DROP DATABASE exp" | sql
