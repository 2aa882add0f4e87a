#!/bin/bash
# load run --cache-state on the medium dataset (10M trades; the base_* databases results/2026-12-05-seed-medium-fresh/run.sh, in git history at 8c3201b
# seeds), one run at a time with nothing else running, from the repository root of the commit to measure, built with
# `dotnet build load -c Release`. Dashboard traffic at 20 requests/s for 60 s; each run starts the harness's local server
# on .perf/mysql and stops it at its end. Console output goes to NAME.txt beside each run's folder.
set -eu
R=$(cd "$(dirname "$0")" && pwd)
run() {
  local name=$1; shift
  rm -rf "${R:?}/$name"  # --results refuses a folder that holds an earlier run
  dotnet run -c Release --no-build --project load -- run --prefix base --rate 20 --duration 60s --no-html --quiet --results "$R/$name" "$@" > "$R/$name.txt" 2>&1
}
run composite-cold        --variant composite --cache-state cold
run composite-constrained --variant composite --cache-state constrained --buffer-pool 256M --warmup 60s
run composite-warmup      --variant composite --warmup 60s
run basic-constrained     --variant basic     --cache-state constrained --buffer-pool 256M --warmup 60s
