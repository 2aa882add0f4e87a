#!/bin/bash
# idx.sh [tmpdir]: drop and rebuild base_composite metrics' two composite indexes; wall, server CPU, disk sectors written
cd /work/main/.perf/mysql; M="mariadb -S mysqld.sock -uroot"
$M base_composite -e "alter table dd_telemetry_metrics drop index idx_metrics_profile_window, drop index idx_metrics_type_name" 2>/dev/null
sync; sleep 2
p=$(pgrep -x mariadbd); hz=$(getconf CLK_TCK)
c0=$(awk -v hz=$hz '{print ($14+$15)/hz}' /proc/$p/stat); w0=$(awk '$3=="vda"{print $10}' /proc/diskstats); t0=$(date +%s.%N)
set=""; [ -n "$1" ] && set="set session innodb_tmpdir='$1';"
$M base_composite -e "$set alter table dd_telemetry_metrics add index idx_metrics_profile_window (profile_id, window_type, window_start, window_end), add index idx_metrics_type_name (metric_type, metric_name), algorithm=inplace, lock=none"
t1=$(date +%s.%N); c1=$(awk -v hz=$hz '{print ($14+$15)/hz}' /proc/$p/stat); sync; w1=$(awk '$3=="vda"{print $10}' /proc/diskstats)
echo "tmp=${1:-default} wall $(echo "$t1-$t0"|bc) s cpu $(echo "$c1-$c0"|bc) s written $(( (w1-w0)*512/1000000 )) MB"
