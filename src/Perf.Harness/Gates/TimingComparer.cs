using System.Globalization;

namespace Perf.Harness.Gates;

/// <summary>Compares query timings from interleaved rounds with a baseline by a noise-aware rule.</summary>
/// <remarks>
/// The unit of evidence is a round (one process measuring every query a few times), not an execution: on a shared machine
/// executions within one round move together, so treating them as independent makes every drift look significant. A
/// difference counts only when the median of round medians moved beyond <see cref="TimingGateOptions.MaxRatio"/> and the
/// exact one-sided Mann–Whitney test over round medians gives p &lt; <see cref="TimingGateOptions.Alpha"/>.
/// </remarks>
public static class TimingComparer
{
    /// <summary>Compares every query in either run, by name, ordered by name.</summary>
    public static IReadOnlyList<TimingComparison> CompareAll(IReadOnlyList<TimingSeries> baseline, IReadOnlyList<TimingSeries> current, TimingGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var before = baseline.GroupBy(b => b.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = current.GroupBy(b => b.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).Select(name =>
            (before.GetValueOrDefault(name), after.GetValueOrDefault(name)) switch
            {
                ({ } b, { } c) => Compare(b, c, options),
                ({ } b, null) => new TimingComparison(name, TimingVerdict.Missing, Median(b.RoundMediansNs), double.NaN, double.NaN, null, "in the baseline but not measured in this run"),
                (null, { } c) => new TimingComparison(name, TimingVerdict.New, double.NaN, Median(c.RoundMediansNs), double.NaN, null, "new: not in the baseline"),
                _ => throw new InvalidOperationException(),
            })];
    }

    /// <summary>Compares one query with its baseline.</summary>
    public static TimingComparison Compare(TimingSeries baseline, TimingSeries current, TimingGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        var (b, h) = (baseline.RoundMediansNs, current.RoundMediansNs);
        var (bm, hm) = (Median(b), Median(h));
        if (RankTest.SmallestPValue(b.Count, h.Count) >= options.Alpha)
        {
            return new TimingComparison(current.Name, TimingVerdict.Inconclusive, bm, hm, hm / bm, null, string.Create(c,
                $"{b.Count} and {h.Count} rounds cannot reach p < {options.Alpha}: needs more rounds"));
        }

        var ratio = hm / bm;
        var slower = ratio >= 1;
        var p = slower ? RankTest.PValueGreater(h, b) : RankTest.PValueGreater(b, h);
        var numbers = string.Create(c,
            $"median {Time(hm)} vs {Time(bm)} ({ratio:0.00}×), rounds {Time(h.Min())}–{Time(h.Max())} vs {Time(b.Min())}–{Time(b.Max())} ({h.Count} vs {b.Count}), one-sided Mann–Whitney p={p:0.#####}");
        var beyond = ratio >= options.MaxRatio || ratio <= 1 / options.MaxRatio;
        var significant = p < options.Alpha;
        var (verdict, why) = (beyond, significant) switch
        {
            (true, true) => slower
                ? (TimingVerdict.Slower, string.Create(c, $"slower by ≥ {options.MaxRatio:0.##}× and significant"))
                : (TimingVerdict.Faster, string.Create(c, $"faster by ≥ {options.MaxRatio:0.##}× and significant")),
            (true, false) => (TimingVerdict.Unchanged, string.Create(c, $"difference within the rounds' spread (p ≥ {options.Alpha})")),
            _ => (TimingVerdict.Unchanged, string.Create(c, $"within {options.MaxRatio:0.##}×")),
        };
        return new TimingComparison(current.Name, verdict, bm, hm, ratio, p, $"{why}: {numbers}");
    }

    /// <summary>The median (mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Nanoseconds as the most readable unit.</summary>
    internal static string Time(double ns) => ns switch
    {
        >= 1e9 => (ns / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " s",
        >= 1e6 => (ns / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.###", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0.###", CultureInfo.InvariantCulture) + " ns",
    };
}
