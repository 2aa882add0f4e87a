#!/usr/bin/env bash
# Bytes of the tables as the seeder (and so every sweep) builds them -- rows loaded in bulk, then the secondary indexes
# built by sorting -- against the same rows inserted in time order into tables that already have their indexes, as a
# live system grows them. Runs its own throwaway server (the harness's settings) under $HOME_DIR; writes sizes.tsv here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
home=${HOME_DIR:-$root/.perf/disk-growth}
trades=${TRADES:-1000000}
port=${PORT:-3397}
rm -rf "$home" && mkdir -p "$home/tmp"
mariadb-install-db --user=root --datadir="$home/data" --auth-root-authentication-method=socket > "$home/install.log" 2>&1
mariadbd --user=root --datadir="$home/data" --socket="$home/s.sock" --port="$port" --bind-address=127.0.0.1 \
  --pid-file="$home/mysqld.pid" --log-error="$home/error.log" --tmpdir="$home/tmp" \
  --innodb-buffer-pool-size=2G --innodb-flush-log-at-trx-commit=2 --innodb-log-file-size=1G --skip-name-resolve \
  --local-infile=1 --max-allowed-packet=256M --performance-schema=OFF --skip-log-bin --character-set-server=utf8mb4 \
  --default-time-zone=+00:00 --query-cache-type=0 --query-cache-size=0 &
trap 'kill "$(cat "$home/mysqld.pid")" 2>/dev/null || true' EXIT
sql() { mariadb --socket="$home/s.sock" -u root -N -B "$@"; }
for _ in $(seq 60); do sql -e 'SELECT 1' > /dev/null 2>&1 && break; sleep 1; done
sql -e "CREATE USER perf@'127.0.0.1' IDENTIFIED BY 'perf'; GRANT ALL ON *.* TO perf@'127.0.0.1' WITH GRANT OPTION"

# Built as the seeder builds them: the fill_* databases (a rerun replaces this folder's seed/, which --results refuses to overwrite).
rm -rf "$here/seed"
dotnet run -c Release --project "$root/seed" -- --mysql "Server=127.0.0.1;Port=$port;User ID=perf;Password=perf" \
  --trades "$trades" --prefix fill --results "$here/seed"

# Grown: the same rows, without their ids (AUTO_INCREMENT hands them out in arrival order, as in production), in the
# order a live system writes them. The first row goes in alone, so no statement meets an empty table (InnoDB's
# bulk path for an empty table would build the indexes by sorting again).
declare -A order=([dd_trade_performance]=entry_time [dd_telemetry_metrics]="window_end, window_type" [dd_system_health]=timestamp)
for variant in basic composite partitioned; do
  sql -e "CREATE DATABASE grown_$variant"
  for table in dd_trade_performance dd_telemetry_metrics dd_system_health; do
    cols=$(sql -e "SELECT GROUP_CONCAT(CONCAT('\`', COLUMN_NAME, '\`') ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS
                   WHERE TABLE_SCHEMA = 'fill_$variant' AND TABLE_NAME = '$table' AND COLUMN_NAME <> 'id'")
    sql -e "CREATE TABLE grown_$variant.$table LIKE fill_$variant.$table"
    sql -e "INSERT INTO grown_$variant.$table ($cols) SELECT $cols FROM fill_$variant.$table ORDER BY ${order[$table]}, id LIMIT 1;
            INSERT INTO grown_$variant.$table ($cols) SELECT $cols FROM fill_$variant.$table ORDER BY ${order[$table]}, id LIMIT 18446744073709551615 OFFSET 1"
  done
done

# Sizes as the report reads them (information_schema, after fresh statistics) and as the files take them on disk.
for db in fill_basic fill_composite fill_partitioned grown_basic grown_composite grown_partitioned; do
  for table in dd_trade_performance dd_telemetry_metrics dd_system_health; do sql -e "ANALYZE TABLE $db.$table" > /dev/null; done
done
{
  printf 'database\ttable\trows\tdata_bytes\tindex_bytes\tfile_bytes\n'
  sql -e "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, (SELECT 0), t.DATA_LENGTH, t.INDEX_LENGTH,
                 (SELECT SUM(s.ALLOCATED_SIZE) FROM information_schema.INNODB_SYS_TABLESPACES s
                   WHERE s.NAME = CONCAT(t.TABLE_SCHEMA, '/', t.TABLE_NAME) OR s.NAME LIKE CONCAT(t.TABLE_SCHEMA, '/', t.TABLE_NAME, '#P#%'))
          FROM information_schema.TABLES t
          WHERE t.TABLE_SCHEMA LIKE 'fill\_%' OR t.TABLE_SCHEMA LIKE 'grown\_%'
          ORDER BY t.TABLE_NAME, t.TABLE_SCHEMA" | while IFS=$'\t' read -r db table _ data index file; do
    rows=$(sql -e "SELECT COUNT(*) FROM $db.$table")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$table" "$rows" "$data" "$index" "$file"
  done
} > "$here/sizes.tsv"
mariadbd --version > "$here/server.txt"
cat "$here/sizes.tsv"
