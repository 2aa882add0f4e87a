#!/usr/bin/env bash
# The stall proof of load/README.md: a trivial server frozen for 1 s every 3 s, measured by the open model (2 connections,
# and the event loop with no connection limit) and by the closed model (2 workers). Run from the repository root:
#   bash results/2026-12-05-stall-proof/run.sh
set -euo pipefail
here=results/2026-12-05-stall-proof
dotnet build -c Release load >/dev/null
load() { dotnet load/bin/Release/net10.0/Perf.Load.dll "$@"; }
dotnet load/bin/Release/net10.0/Perf.Load.dll testserver --stall-every 3s --stall-for 1s > "$here/testserver.txt" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$here/testserver.txt" && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*/' "$here/testserver.txt")
common=(--url "$url" --scenario get:/ --duration 6s --warmup 1s)
# --results refuses a folder that holds an earlier run: each run replaces its own.
run() { local name=$1; shift; rm -rf "${here:?}/$name"; load run "${common[@]}" "$@" --results "$here/$name" > "$here/$name.txt" 2>&1 || true; }
run open-2-connections --rate 200 --connections 2
run open-event-loop --rate 200
run closed-2-workers --concurrency 2
