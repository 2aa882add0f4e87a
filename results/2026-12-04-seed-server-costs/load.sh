#!/bin/bash
# load.sh: LOAD DATA 5M metric rows into an empty copy of the table (PK only, like the seeder), print wall and server CPU
cd /work/main/.perf/mysql; M="mariadb -S mysqld.sock -uroot"
$M -e "drop database if exists exp; create database exp; create table exp.m like base_basic.dd_telemetry_metrics; alter table exp.m drop index uk_metrics_window, drop index idx_metrics_profile_type_name, drop index idx_metrics_window_range"
p=$(pgrep -x mariadbd); hz=$(getconf CLK_TCK)
c0=$(awk -v hz=$hz '{print ($14+$15)/hz}' /proc/$p/stat); t0=$(date +%s.%N)
$M --local-infile=1 -e "set session unique_checks=0, foreign_key_checks=0; load data local infile '/work/main/.perf/mysql/m5.txt' into table exp.m"
t1=$(date +%s.%N); c1=$(awk -v hz=$hz '{print ($14+$15)/hz}' /proc/$p/stat)
echo "load wall $(echo "$t1-$t0"|bc) s, server cpu $(echo "$c1-$c0"|bc) s"
