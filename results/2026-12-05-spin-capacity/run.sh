#!/usr/bin/env bash
# The load runner's capacity search on a CPU-bound endpoint: the trivial testserver in its own process, get:/spin/2000
# (2 ms of CPU per request), steps of 150 req/s from 100 until a step fails or the run becomes invalid. Run from the
# repository root: bash results/2026-12-05-spin-capacity/run.sh
set -euo pipefail
here=results/2026-12-05-spin-capacity
dotnet build -c Release load >/dev/null
load() { dotnet load/bin/Release/net10.0/Perf.Load.dll "$@"; }
dotnet load/bin/Release/net10.0/Perf.Load.dll testserver > "$here/testserver.txt" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$here/testserver.txt" && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*/' "$here/testserver.txt")
load capacity --url "$url" --scenario get:/spin/2000 --start-rate 100 --step 150 --max-rate 1300 --quiet \
  --results "$here/capacity" > "$here/capacity.txt" 2>&1 || true
