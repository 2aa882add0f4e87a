#!/usr/bin/env python3
"""Grown ÷ built bytes per variant and table, from sizes.tsv (python3 ratios.py > ratios.txt)."""
import csv
import os

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "sizes.tsv"), newline="") as f:
    rows = list(csv.DictReader(f, delimiter="\t"))
tables = ["dd_trade_performance", "dd_telemetry_metrics", "dd_system_health"]
size = {(r["database"], r["table"]): r for r in rows}
mib = 1024 * 1024
print("| variant | table | data, built → grown | indexes, built → grown | data + indexes | files on disk |")
print("|---|---|---:|---:|---:|---:|")
for variant in ["basic", "composite", "partitioned"]:
    totals = {"fill": [0, 0, 0], "grown": [0, 0, 0]}
    for table in tables + ["all three"]:
        if table == "all three":
            built, grown = totals["fill"], totals["grown"]
        else:
            built = [int(size[(f"fill_{variant}", table)][k]) for k in ("data_bytes", "index_bytes", "file_bytes")]
            grown = [int(size[(f"grown_{variant}", table)][k]) for k in ("data_bytes", "index_bytes", "file_bytes")]
            for i in range(3):
                totals["fill"][i] += built[i]
                totals["grown"][i] += grown[i]
        cells = [f"{built[i] / mib:,.1f} → {grown[i] / mib:,.1f} MiB ({grown[i] / built[i]:.2f}×)" for i in range(2)]
        cells.append(f"{(grown[0] + grown[1]) / (built[0] + built[1]):.2f}×")
        cells.append(f"{built[2] / mib:,.1f} → {grown[2] / mib:,.1f} MiB ({grown[2] / built[2]:.2f}×)")
        print(f"| {variant} | {table} | " + " | ".join(cells) + " |")
