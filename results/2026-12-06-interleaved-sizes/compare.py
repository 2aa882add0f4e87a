"""Two sweeps of the same datasets one size at a time (A, B), each timing the control beside every size, and one sweep
with every size in the same rounds (interleaved): does dividing by the control make the sweeps agree, with each other
and with the interleaved one?

Run from this folder: python3 compare.py > compare.txt
  1. Per size, B's p50 over A's, for Composite and for the control timed beside that size, then Composite's ratio over
     the control's for the same query: the machine's change between the runs, and what is left once it is divided out.
  2. What a growth fit sees, per percentile: per query, the percentile at a size over the same at the size before it, in
     each run. B's growth over A's, raw and with each run's growth divided by its control's change between the same two
     sizes (the median over its queries) in the p50 and in the same percentile: median |ln| (lower agrees better).
  3. The same growths against the interleaved sweep's, whose sizes shared their rounds and so their machine speed.
Per query, section 1 counts only queries whose rows examined match; the control's queries always do (the same rows).
"""
import json
import math
import statistics

a = json.load(open("sequential-a/measurements.json"))
b = json.load(open("sequential-b/measurements.json"))
c = json.load(open("interleaved/measurements.json"))
sizes = sorted(m["tradeRows"] for m in a["measurements"])


def by_query(queries):
    return {q["query"]: q for q in queries}


def variant(run, rows):
    return by_query(next(m for m in run["measurements"] if m["tradeRows"] == rows)["queries"])


def control(run, rows):
    return by_query(next(x for x in run["controls"] if x["tradeRows"] == rows)["queries"])


def ratios(x, y, key="p50Ms", same_work=True):
    """Per query, y's percentile over x's (where the two did the same work, unless same_work is False)."""
    return {k: y[k][key] / x[k][key] for k in x if k in y and x[k][key] > 0 and (not same_work or x[k]["rowsExamined"] == y[k]["rowsExamined"])}


def typical(values):
    """The median by nearest rank, as the report takes it."""
    xs = sorted(values)
    return xs[math.ceil(len(xs) / 2) - 1]


def quart(xs):
    xs = sorted(xs)
    n = len(xs)
    return f"{statistics.median(xs):5.2f} ({xs[n // 4]:.2f}-{xs[(3 * n) // 4]:.2f}) [{xs[0]:.2f}-{xs[-1]:.2f}]"


def agreement(xs):
    return statistics.median(abs(math.log(x)) for x in xs)


print("1. Run B over run A at each size: p50 ratio median (quartiles) [range] over queries")
print(f'{"size":>9}  {"n":>3}  {"Composite, raw":<30} {"control beside it":<30} {"Composite / control, per query":<30}')
for s in sizes:
    raw = ratios(variant(a, s), variant(b, s))
    ctl = ratios(control(a, s), control(b, s))
    norm = [raw[k] / ctl[k] for k in raw if k in ctl]
    print(f"{s:>9}  {len(norm):>3}  {quart(raw.values()):<30} {quart(ctl.values()):<30} {quart(norm):<30}")

for key in ("p50Ms", "p95Ms"):
    name = key[:3]
    print()
    print(f"2. {name} growth between consecutive sizes, run B's over run A's, over 25 queries: median |ln|, raw and divided by each run's")
    print(f"   control change in its p50s and in its {name}s; then that change itself in A and in B")
    print(f'{"sizes":>19}  {"raw":>6} {"/ control p50":>14} {"/ control " + name:>14}   control {name} change: A, B')
    for s, t in zip(sizes, sizes[1:]):
        ga, gb = ratios(variant(a, s), variant(a, t), key, False), ratios(variant(b, s), variant(b, t), key, False)
        a50, b50 = typical(ratios(control(a, s), control(a, t)).values()), typical(ratios(control(b, s), control(b, t)).values())
        ak, bk = typical(ratios(control(a, s), control(a, t), key).values()), typical(ratios(control(b, s), control(b, t), key).values())
        print(f"{s:>9}->{t:<9}  {agreement(gb[k] / ga[k] for k in ga):>6.3f} {agreement((gb[k] / b50) / (ga[k] / a50) for k in ga):>14.3f}"
              f" {agreement((gb[k] / bk) / (ga[k] / ak) for k in ga):>14.3f}   {ak:.2f}, {bk:.2f}")

    print()
    print(f"3. {name} growth against the interleaved sweep's (every size in the same rounds): median |ln(growth / interleaved growth)|")
    print(f'{"sizes":>19}  {"A raw":>6} {"A/ctl p50":>10} {"A/ctl " + name:>10}  {"B raw":>6} {"B/ctl p50":>10} {"B/ctl " + name:>10}   interleaved growth: median')
    for s, t in zip(sizes, sizes[1:]):
        gc = ratios(variant(c, s), variant(c, t), key, False)
        row = []
        for run in (a, b):
            g = ratios(variant(run, s), variant(run, t), key, False)
            c50 = typical(ratios(control(run, s), control(run, t)).values())
            ck = typical(ratios(control(run, s), control(run, t), key).values())
            row += [agreement(g[k] / gc[k] for k in g), agreement(g[k] / c50 / gc[k] for k in g), agreement(g[k] / ck / gc[k] for k in g)]
        print(f"{s:>9}->{t:<9}  {row[0]:>6.3f} {row[1]:>10.3f} {row[2]:>10.3f}  {row[3]:>6.3f} {row[4]:>10.3f} {row[5]:>10.3f}   {statistics.median(gc.values()):.2f}")
