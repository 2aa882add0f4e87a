#!/usr/bin/env python3
"""Where the cores went during run2: cpu.tsv (sample.sh, one line a second) in 20-second buckets, against seed.json's clock."""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
rows = [[float(x) for x in line.split()] for line in open(os.path.join(here, "run2", "cpu.tsv"))]
rows = [r for r in rows if len(r) == 10]
manifest = json.load(open(os.path.join(here, "run2", "manifest.json")))
seed = json.load(open(os.path.join(here, "run2", "seed.json")))
# The seed's clock starts at the manifest's start; the sampler ran from 15 s before the command.
from datetime import datetime
started = datetime.fromisoformat(manifest["startedUtc"].replace("Z", "+00:00")).timestamp()
print(f"seed started {started - rows[0][0]:.1f} s after the sampler; seed {seed['seconds']:.1f} s, "
      f"server {seed['serverCpuSeconds']:.0f} + seeder {seed['seederCpuSeconds']:.0f} core-s")
print("bucket = seed seconds; cores busy (user+nice+system+irq+softirq), in I/O wait, idle, and mariadbd's share of busy")
buckets = {}
for a, b in zip(rows, rows[1:]):
    if a[0] < started or a[0] > started + seed["seconds"]:
        continue
    d = [(b[i] - a[i]) / 100 for i in range(1, 10)]
    k = int((a[0] - started) // 20)
    bk = buckets.setdefault(k, [0.0] * 5)
    bk[0] += d[0] + d[1] + d[2] + d[5] + d[6]
    bk[1] += d[4]
    bk[2] += d[3]
    bk[3] += d[8]
    bk[4] += b[0] - a[0]
total = [0.0] * 5
for k in sorted(buckets):
    bk = buckets[k]
    total = [x + y for x, y in zip(total, bk)]
    print(f"{k * 20:4d}-{k * 20 + 20:<4d} s  busy {bk[0] / bk[4]:.2f}  iowait {bk[1] / bk[4]:.2f}  idle {bk[2] / bk[4]:.2f}  mariadbd {bk[3] / bk[4]:.2f}")
print(f"over the seed's {total[4]:.0f} s: busy {total[0]:.0f} core-s (mariadbd {total[3]:.0f}), I/O wait {total[1]:.0f}, idle {total[2]:.0f}; "
      f"the busy core-s alone take {total[0] / 2:.0f} s on 2 cores")
