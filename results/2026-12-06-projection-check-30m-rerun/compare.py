"""The same data and queries measured twice: this run's p50s over the first 30M run's, per size.

Run from this folder: python3 compare.py > compare.txt
Only queries whose exact rows examined match between the runs count. Beside each size: the CPU yardstick's readings
this run took around that size's rounds (the first run read it only at its start and end).
"""
import json
import statistics

first = json.load(open("../2026-12-06-projection-check-30m/measurements.json"))
rerun = json.load(open("measurements.json"))
print("size      queries  p50 ratio: median  quartiles      range        yardstick here: median [range] (ms)")
for m in rerun["measurements"]:
    earlier = next(x for x in first["measurements"] if x["tradeRows"] == m["tradeRows"])
    before = {q["query"]: q for q in earlier["queries"]}
    ratios = sorted(q["p50Ms"] / before[q["query"]]["p50Ms"] for q in m["queries"] if q["rowsExamined"] == before[q["query"]]["rowsExamined"])
    n = len(ratios)
    machine = m.get("machine")
    stick = f'{machine["medianMs"]:.2f} [{machine["lowestMs"]:.2f}-{machine["highestMs"]:.2f}]' if machine else "-"
    print(f'{m["tradeRows"]:>9}  {n:>7}  {statistics.median(ratios):>17.2f}  {ratios[n // 4]:.2f}-{ratios[(3 * n) // 4]:.2f}  {ratios[0]:.2f}-{ratios[-1]:.2f}    {stick}')
print()
stick = json.load(open("../2026-12-06-projection-check-30m/manifest.json"))["yardstick"]
print(f'first run\'s yardstick (its manifest): {stick["atStartMs"]} ms at the start, {stick["atEndMs"]} ms at the end')
