#!/usr/bin/env bash
# The memory knee at 10M trades: one capacity search per variant and buffer pool, on the medium preset's data
# (`dotnet run -c Release --project seed -- --preset medium`, databases base_*), nothing else running.
# Warm with the usual 2 GiB pool (the server started for each search, so its pool holds what the steps read), then memory-constrained at 256, 64 and 32 MiB; the variants alternate at each size.
# Rates from 20/s up by STEP (40) in steps of STEP_DURATION (12s); the README's second table is STEP=20 STEP_DURATION=5s.
# Each search writes capacity.md/json and manifest.json under $out/<variant>-<pool>/ (and one folder per step); kept here:
# capacity.md and manifest.json, under steps-12s/ (the 5 s series' files are in git history at 7fc5bc2, under steps-5s/).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
out=${1:-results/runs/memory-knee}
for pool in 2G 256M 64M 32M; do
  for variant in composite partitioned; do
    state=()
    if [ "$pool" != 2G ]; then state=(--cache-state constrained --buffer-pool "$pool"); fi
    dotnet run -c Release --project load -- capacity --variant "$variant" --prefix base --no-cache "${state[@]}" \
      --start-rate 20 --step "${STEP:-40}" --max-rate 600 --step-duration "${STEP_DURATION:-12s}" --warmup 2s --max-send-lag 100ms \
      --results "$out/$variant-$pool" --quiet || echo "$variant $pool: the search exited $? (99: no step met the thresholds)"
  done
done
