#!/usr/bin/env python3
"""Per console log of `seed -- bench-load`: each run's seconds, split by whether the run before it was of the same side
(plain LOAD DATA or the seeder) or of the other one. Usage: python3 switch.py after/console.log after2/console.log (the runs before the change, before/*/console.log, are in
git history at 03aff21)."""
import re
import statistics
import sys

for path in sys.argv[1:]:
    runs = []
    for line in open(path, encoding="utf-8"):
        if m := re.search(r"plain LOAD DATA LOCAL INFILE: .*= ([\d.]+) s", line):
            runs.append(("plain", float(m.group(1))))
        elif m := re.search(r"seeder \(create.*: ([\d.]+) s,", line):
            runs.append(("seeder", float(m.group(1))))
    groups = {}
    for (before, _), (side, seconds) in zip(runs, runs[1:]):
        groups.setdefault((side, "after the other side" if before != side else "after its own side"), []).append(seconds)
    print(path)
    for key in sorted(groups):
        values = groups[key]
        print(f"  {key[0]:6} {key[1]:21} n={len(values):2}  median {statistics.median(values):5.2f} s  range {min(values):5.2f}-{max(values):5.2f} s")
