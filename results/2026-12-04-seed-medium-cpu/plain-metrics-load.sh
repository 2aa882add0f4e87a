#!/usr/bin/env bash
# The server's own rate for the seeder's largest phase: the same metric rows, exported to a file and loaded back with
# plain LOAD DATA INFILE into an empty copy of the table with only its primary key (as the seeder loads it), under the
# seeder's session settings. Run after `seed --preset medium --prefix base`, machine otherwise idle, with the local server
# (.perf/mysql; the seeder stops it on exit) started by hand with the provisioner's settings
# (src/Perf.Harness/Provisioning/ProvisioningOptions.cs). Usage: plain-metrics-load.sh DATABASE, e.g. base_basic.
set -euo pipefail
db=${1:?usage: plain-metrics-load.sh DATABASE (the seeded database whose metric rows are exported, e.g. base_basic)}
cd "$(dirname "$0")/../.."
home=.perf/mysql
pass=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["Password"])' "$home/credentials.json")
sql() { mariadb -uperf_admin -p"$pass" -S "$home/mysqld.sock" -N -e "$1"; }
file="$(cd "$home" && pwd)/metrics-export.tsv"
rm -f "$file"
sql "SELECT id, profile_id, metric_type, metric_name, window_type, window_start, window_end, sample_count, value_sum, value_min, value_max, positive_count, negative_count, updated_at INTO OUTFILE '$file' FROM $db.dd_telemetry_metrics"
echo "exported $(wc -l < "$file") rows, $(du -h "$file" | cut -f1)"
sql "DROP DATABASE IF EXISTS plain_load; CREATE DATABASE plain_load; CREATE TABLE plain_load.m LIKE $db.dd_telemetry_metrics; ALTER TABLE plain_load.m DROP INDEX uk_metrics_window, DROP INDEX idx_metrics_profile_type_name, DROP INDEX idx_metrics_window_range"
start=$(date +%s.%N)
sql "SET SESSION unique_checks = 0, SESSION foreign_key_checks = 0; LOAD DATA INFILE '$file' INTO TABLE plain_load.m"
end=$(date +%s.%N)
rows=$(sql "SELECT COUNT(*) FROM plain_load.m")
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); r=int(sys.argv[3]); print(f'plain LOAD DATA INFILE: {r:,} rows in {s:.1f} s = {r/s:,.0f} rows/s')" "$start" "$end" "$rows"
sql "DROP DATABASE plain_load"
rm -f "$file"
