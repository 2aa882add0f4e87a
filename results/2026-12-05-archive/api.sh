#!/usr/bin/env bash
# The API's latency while archiving: the real API (Release, no Redis) on the bench database of one variant,
# the load runner's open model at 40 req/s with the dashboard mix on profiles 1-20 (--cached-share 0: every request a
# window of its own, so the cache answers none), and `bench archive --api` reading the API's own P99 over an idle window and over the archival.
# A mariadbd with the harness's settings (src/Perf.Harness/Provisioning/ProvisioningOptions.cs) is started by hand on the
# local server's data directory (.perf/mysql), since three processes share it. Run from the repository root, with no
# other local server running:
#   bash results/2026-12-05-archive/api.sh composite partitioned
set -euo pipefail
here=results/2026-12-05-archive
home=$PWD/.perf/mysql
dotnet build -c Release bench >/dev/null && dotnet build -c Release load >/dev/null && dotnet build -c Release src/Telemetry.Api >/dev/null
password=$(sed 's/.*"Password":"\([^"]*\)".*/\1/' "$home/credentials.json")
port=33998 api=http://127.0.0.1:5077
admin="Server=127.0.0.1;Port=$port;User ID=perf_admin;Password=$password"
sock=/tmp/archive-api.sock
/usr/sbin/mariadbd --no-defaults --datadir="$home/data" --tmpdir="$home/tmp" --socket=$sock --pid-file=/tmp/archive-api.pid \
  --log-error=/tmp/archive-api.err --secure-file-priv="$home" --port=$port --bind-address=127.0.0.1 \
  --innodb-buffer-pool-size=2G --innodb-flush-log-at-trx-commit=2 --innodb-log-file-size=512M --skip-name-resolve \
  --local-infile=1 --max-connections=500 --max-allowed-packet=256M --performance-schema=OFF --skip-log-bin \
  --character-set-server=utf8mb4 --default-time-zone=+00:00 --innodb-buffer-pool-load-at-startup=OFF \
  --innodb-buffer-pool-dump-at-shutdown=OFF --query-cache-type=0 --query-cache-size=0 --user=root &
trap 'mariadb-admin -S $sock -uroot shutdown 2>/dev/null || true' EXIT
for _ in $(seq 60); do mariadb -S $sock -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
for variant in "$@"; do
  out=$here/api-$variant
  rm -rf "${out:?}" && mkdir -p "$out"  # --results refuses a folder that holds an earlier run
  ConnectionStrings__Telemetry="$admin;Database=bench_archive_$variant" Telemetry__Url=$api \
    dotnet src/Telemetry.Api/bin/Release/net10.0/Telemetry.Api.dll > "$out/api.log" 2>&1 &
  apiPid=$!
  dotnet bench/bin/Release/net10.0/Perf.Bench.dll archive --mysql "$admin" --variant $variant --keep --api $api \
    --idle-seconds 20 --rows 1000000 --now 2026-12-01 --results "$out/archive" > "$out/archive.txt" 2>&1 &
  archivePid=$!
  until grep -q 'seeded' "$out/archive.txt"; do sleep 0.5; done
  dotnet load/bin/Release/net10.0/Perf.Load.dll run --url $api --profiles 1-20 --rate 40 --cached-share 0 \
    --duration 60s --warmup 2s --results "$out/load" > "$out/load.txt" 2>&1 || true
  wait $archivePid
  kill $apiPid; wait $apiPid 2>/dev/null || true
done
