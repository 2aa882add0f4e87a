#!/bin/bash
# One step of the medium seed measured alone (run by doublewrite-series.sh): 20.6M metric windows copied from
# base_basic into a partitioned table without secondary indexes in 1M id batches, then one ALTER adding the five
# metric indexes (sorting in /dev/shm), as the seeder does. Prints wall and server CPU, and the disk totals around it.
# Adapted from hand-bulk-indexes.sh (git history at b2d98c3, results/2026-12-05-seed-medium-overlap/); B is unused here.
S="mariadb -S /work/main/.perf/mysql/mysqld.sock -uroot"
pid=$(pgrep -x mariadbd); hz=$(getconf CLK_TCK)
cpu() { awk -v hz=$hz '{print ($14+$15)/hz}' /proc/$pid/stat; }
T=base_basic.dd_telemetry_metrics
mkdir -p /dev/shm/xp-sort
prep() { $S -e "DROP DATABASE IF EXISTS xp; CREATE DATABASE xp; CREATE TABLE xp.m LIKE base_partitioned.dd_telemetry_metrics; ALTER TABLE xp.m STATS_AUTO_RECALC=0"; }
cols="id,profile_id,metric_type,metric_name,window_type,window_start,window_end,sample_count,value_sum,value_min,value_max,positive_count,negative_count,updated_at"
run() { # name
  local c0=$(cpu) t0=$(date +%s.%N)
  if [ "$1" = A ]; then
    $S -e "ALTER TABLE xp.m DROP INDEX uk_metrics_window, DROP INDEX idx_metrics_profile_type_name, DROP INDEX idx_metrics_window_range, DROP INDEX idx_metrics_profile_window, DROP INDEX idx_metrics_type_name"
    for a in $(seq 0 1000000 20000000); do
      $S -e "SET unique_checks=0, foreign_key_checks=0; INSERT INTO xp.m ($cols) SELECT $cols FROM $T WHERE id > $a AND id <= $((a+1000000))"
    done
    local c1=$(cpu) t1=$(date +%s.%N)
    $S -e "SET SESSION innodb_tmpdir='/dev/shm/xp-sort'; ALTER TABLE xp.m ADD UNIQUE KEY uk_metrics_window (profile_id,metric_type,metric_name,window_type,window_start), ADD KEY idx_metrics_profile_type_name (profile_id,metric_type,metric_name), ADD KEY idx_metrics_window_range (window_start,window_end), ADD KEY idx_metrics_profile_window (profile_id,window_type,window_start,window_end), ADD KEY idx_metrics_type_name (metric_type,metric_name)"
    echo "A copy $(echo "$t1 - $t0" | bc) s $(echo "$c1 - $c0" | bc) core-s"
  else
    $S -e "SET unique_checks=0, foreign_key_checks=0; SET SESSION innodb_tmpdir='/dev/shm/xp-sort'; INSERT INTO xp.m ($cols) SELECT $cols FROM $T"
  fi
  local c2=$(cpu) t2=$(date +%s.%N)
  echo "$1 total $(echo "$t2 - $t0" | bc) s $(echo "$c2 - $c0" | bc) core-s; rows $($S -N -e 'select count(*) from xp.m')"
}
for r in "$@"; do prep; grep ' vda ' /proc/diskstats | awk '{print "disk before r/w GB", $6*512/1e9, $10*512/1e9}'; run $r; grep ' vda ' /proc/diskstats | awk '{print "disk after r/w GB", $6*512/1e9, $10*512/1e9}'; done
$S -e "DROP DATABASE IF EXISTS xp"
