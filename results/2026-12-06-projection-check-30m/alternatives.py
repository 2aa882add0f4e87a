"""Two alternatives to the capacity report's model error, tested out of sample on a stored sweep.

For each size list given, every prefix of three or more sizes is rendered with `bench -- report --measurements M --sizes
PREFIX` (the report's own hold-out check: its largest size projected from the smaller ones). The last size is the test;
the hold-outs of the shorter prefixes are the calibration, as in the report. Printed per size list:
  centre: the projection's centre moved by the median calibration exponent (measured over projected p95, per e-fold of
          rows), against the report's centre: median measured/projected and mean |ln(measured/projected)| at the test size;
  bounds: the sampling band alone, the report's pooled 90 % split-conformal bounds, and bounds per variant: p95s held /
          above / below the band at the test size, and the band's mean ln(upper/lower).
Usage: python3 alternatives.py MEASUREMENTS.json REPO SIZES [SIZES...]   (REPO: a built checkout, e.g. `.`)
"""
import decimal, json, math, os, statistics, subprocess, sys, tempfile

measurements, repo, size_lists = sys.argv[1], sys.argv[2], sys.argv[3:]
work = tempfile.mkdtemp(prefix='alternatives-')


def hold_out(sizes):
    out = os.path.join(work, '-'.join(sizes))
    if not os.path.exists(os.path.join(out, 'capacity.json')):
        subprocess.run(['dotnet', 'run', '-c', 'Release', '--no-build', '--project', os.path.join(repo, 'bench'), '--', 'report',
                        '--measurements', measurements, '--sizes', ','.join(sizes), '--start', '2026-12-06', '--profiles', '100',
                        '--trades-per-day', '50', '--years', '5', '--results', out], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, 'capacity.json')) as f:
        return json.load(f)['holdOut']


def p95s(check):
    return [p for c in check['checks'] for p in c['percentiles'] if p['percentile'] == 95 and p['projectedMs'] > 0]


def folds(check):
    return math.log(check['heldOutRows'] / check['fittedRows'])


def exponents(checks, variant=None):
    return [math.log(p['ratio']) / folds(h) for h in checks for c in h['checks'] if variant in (None, c['variant'])
            for p in c['percentiles'] if p['percentile'] == 95 and p['projectedMs'] > 0]


def bounds(found):
    found, n = sorted(found), len(found)
    if n < 19:
        return None
    low = found[max(int(math.floor((n + 1) * decimal.Decimal('0.05'))), 1) - 1]
    high = found[min(int(math.ceil((n + 1) * decimal.Decimal('0.95'))), n) - 1]
    return min(low, 0), max(high, 0)


for size_list in size_lists:
    sizes = size_list.split(',')
    checks = [hold_out(sizes[:k]) for k in range(3, len(sizes) + 1)]
    test, calibration = checks[-1], checks[:-1]
    f = folds(test)
    median = statistics.median(exponents(calibration))
    ratios = [p['ratio'] for p in p95s(test)]
    moved = [r / math.exp(median * f) for r in ratios]
    spread = lambda rs: statistics.mean(abs(math.log(r)) for r in rs)
    print(f"{size_list}: {sizes[-1]} projected from <= {sizes[-2]} ({len(ratios)} p95s)")
    print(f"  centre: report median {statistics.median(ratios):.2f}x, mean |ln| {spread(ratios):.3f}; "
          f"moved by the median exponent {median:+.3f} (x{math.exp(median * f):.2f}): median {statistics.median(moved):.2f}x, mean |ln| {spread(moved):.3f}")
    pooled = bounds(exponents(calibration))
    if pooled is None:
        print("  bounds: fewer than 19 calibration comparisons")
        continue
    # The script's pooled bounds are the report's own (its check's band carries them).
    assert abs(pooled[0] - test['modelError']['lowerExponent']) < 1e-9 and abs(pooled[1] - test['modelError']['upperExponent']) < 1e-9
    for name in ('none (sampling band)', 'pooled', 'per variant'):
        held = above = below = 0
        widths = []
        for c in test['checks']:
            own = (0, 0) if name.startswith('none') else pooled if name == 'pooled' else bounds(exponents(calibration, c['variant']))
            for p in c['percentiles']:
                if p['percentile'] != 95 or p['projectedMs'] <= 0:
                    continue
                low = p['projectedLowerMs'] * math.exp((own[0] - pooled[0]) * f)
                high = p['projectedUpperMs'] * math.exp((own[1] - pooled[1]) * f)
                m = p['measured']
                above += m['lower'] > high
                below += m['upper'] < low
                held += m['lower'] <= high and m['upper'] >= low
                widths.append(math.log(high / low))
        print(f"  bounds {name}: held {held}, above {above}, below {below}; mean ln(upper/lower) {statistics.mean(widths):.3f}")
