#!/usr/bin/env bash
# The load check of `./perf run`: the small preset seeded (or found) as ./perf run seeds it, then `load check` (dashboard
# traffic at 20 req/s for 20 s, as at this run (the default is 30 s since), after a 5 s warm-up on the in-process API
# over the Composite variant). Run from the
# repository root: bash results/2026-12-05-load-check-small/run.sh
set -euo pipefail
here=results/2026-12-05-load-check-small
dotnet run -c Release --project seed -- --preset small > "$here/seed.txt" 2>&1
rm -rf "${here:?}/check"  # --results refuses a folder that holds an earlier run
dotnet run -c Release --project load -- check --duration 20s --results "$here/check" 2>&1 | tee "$here/check.txt"
