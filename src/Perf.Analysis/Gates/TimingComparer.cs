using System.Globalization;
using Perf.Analysis.Capacity;

namespace Perf.Analysis.Gates;

/// <summary>Compares query timings from interleaved rounds with a baseline by a noise-aware rule.</summary>
/// <remarks>
/// The unit of evidence is a round (one process measuring every query a few times), not an execution: on a shared machine
/// executions within one round move together, so treating them as independent makes every drift look significant. A
/// difference counts only when the ratio moved beyond <see cref="TimingGateOptions.MaxRatio"/>, the medians moved by at
/// least <see cref="TimingGateOptions.MinDifferenceMs"/>, and a one-sided rank test gives p &lt; <see cref="TimingGateOptions.Alpha"/>. For <see cref="TimingDesign.Paired"/> rounds (base and head
/// back to back) the ratio is the median of the per-round ratios and the test is Wilcoxon's signed-rank test on their
/// logarithms: a contention burst that slows both sides of a round leaves that round's ratio alone. For
/// <see cref="TimingDesign.Independent"/> rounds the ratio is of the medians of round medians and the test is Mann–Whitney.
/// </remarks>
public static class TimingComparer
{
    /// <summary>Compares every query in either run, by name, ordered by name.</summary>
    /// <remarks>
    /// A query only in <paramref name="baseline"/> is <see cref="TimingVerdict.Removed"/> when the two sides are revisions
    /// timed in the same rounds (<see cref="TimingDesign.Paired"/>): each side times every query its own code lists, or the
    /// round fails, so the head simply has no such query. Against a stored baseline it is <see cref="TimingVerdict.Missing"/>:
    /// the baseline is taken again when a query goes. Likewise a query only in <paramref name="current"/> is
    /// <see cref="TimingVerdict.New"/> beside the base revision and <see cref="TimingVerdict.NotInBaseline"/> beside a
    /// stored baseline, which was taken with fewer queries (or other <c>--cases</c>) than the run times.
    /// </remarks>
    public static IReadOnlyList<TimingComparison> CompareAll(IReadOnlyList<TimingSeries> baseline, IReadOnlyList<TimingSeries> current, TimingGateOptions options, TimingDesign design)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var before = baseline.GroupBy(b => b.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = current.GroupBy(b => b.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).Select(name =>
            (before.GetValueOrDefault(name), after.GetValueOrDefault(name)) switch
            {
                ({ } b, { } c) => Compare(b, c, options, design),
                ({ } b, null) when design == TimingDesign.Paired => new TimingComparison(name, TimingVerdict.Removed, Median(b.RoundMediansNs), double.NaN, double.NaN, null, "in the base revision only: the head no longer has this query (removed or renamed), so there is nothing to compare", b.RoundMediansNs, [], design),
                ({ } b, null) => new TimingComparison(name, TimingVerdict.Missing, Median(b.RoundMediansNs), double.NaN, double.NaN, null, "in the baseline but not measured in this run (if the query was removed or renamed, store the baseline again)", b.RoundMediansNs, [], design),
                (null, { } c) when design == TimingDesign.Paired => new TimingComparison(name, TimingVerdict.New, double.NaN, Median(c.RoundMediansNs), double.NaN, null, "in the head only: the base revision has no such query (added or renamed), so there is nothing to compare", [], c.RoundMediansNs, design),
                (null, { } c) => new TimingComparison(name, TimingVerdict.NotInBaseline, double.NaN, Median(c.RoundMediansNs), double.NaN, null, "measured in this run but not in the stored baseline, so nothing vouches for it (store the baseline again when the queries change)", [], c.RoundMediansNs, design),
                _ => throw new InvalidOperationException(),
            })];
    }

    /// <summary>Compares one query with its baseline.</summary>
    public static TimingComparison Compare(TimingSeries baseline, TimingSeries current, TimingGateOptions options, TimingDesign design)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        var (b, h) = (baseline.RoundMediansNs, current.RoundMediansNs);
        var (bm, hm) = (Median(b), Median(h));
        var paired = design == TimingDesign.Paired;
        if (paired && b.Count != h.Count)
        {
            return new TimingComparison(current.Name, TimingVerdict.Inconclusive, bm, hm, hm / bm, null, string.Create(c,
                $"{b.Count} base rounds and {h.Count} head rounds cannot be paired: a round is missing"), b, h, design);
        }

        var smallest = paired ? RankTest.SmallestSignedRankPValue(h.Count) : RankTest.SmallestPValue(b.Count, h.Count);
        if (smallest >= options.Alpha)
        {
            return new TimingComparison(current.Name, TimingVerdict.Inconclusive, bm, hm, hm / bm, null, string.Create(c,
                $"{b.Count} and {h.Count} rounds cannot reach p < {options.Alpha}: needs more rounds"), b, h, design);
        }

        double ratio, p;
        string numbers;
        if (paired)
        {
            var ratios = h.Zip(b, (x, y) => x / y).ToArray();
            ratio = Median(ratios);
            var logs = ratios.Select(r => Math.Log(r)).ToArray();
            p = RankTest.SignedRankPValueGreater(ratio >= 1 ? logs : [.. logs.Select(l => -l)]);
            numbers = string.Create(c,
                $"median of per-round ratios {RatioText(ratio, options)}× (rounds {ratios.Min():0.00}–{ratios.Max():0.00}×, {ratios.Count(r => r > 1)} of {ratios.Length} slower), medians {Time(hm)} vs {Time(bm)}, one-sided Wilcoxon signed-rank {ReportFormat.PValue(p)}");
        }
        else
        {
            ratio = hm / bm;
            p = ratio >= 1 ? RankTest.PValueGreater(h, b) : RankTest.PValueGreater(b, h);
            numbers = string.Create(c,
                $"median {Time(hm)} vs {Time(bm)} ({RatioText(ratio, options)}×), rounds {Time(h.Min())}–{Time(h.Max())} vs {Time(b.Min())}–{Time(b.Max())} ({h.Count} vs {b.Count}), one-sided Mann–Whitney {ReportFormat.PValue(p)}");
        }

        var slower = ratio >= 1;
        var beyond = ratio >= options.MaxRatio || ratio <= 1 / options.MaxRatio;
        var significant = p < options.Alpha;
        var floor = options.MinDifferenceMs * 1e6;
        var (verdict, why) = (beyond && Math.Abs(hm - bm) >= floor, significant) switch
        {
            (false, _) when beyond => (TimingVerdict.Unchanged, string.Create(c, $"medians {Time(Math.Abs(hm - bm), floor)} apart, under the {Time(floor)} floor")),
            (true, true) => slower
                ? (TimingVerdict.Slower, string.Create(c, $"slower by ≥ {options.MaxRatio:0.##}× and significant"))
                : (TimingVerdict.Faster, string.Create(c, $"faster by ≥ {options.MaxRatio:0.##}× and significant")),
            (true, false) => (TimingVerdict.Unchanged, string.Create(c, $"difference within the rounds' spread (p ≥ {options.Alpha})")),
            _ => (TimingVerdict.Unchanged, string.Create(c, $"within {options.MaxRatio:0.##}×")),
        };
        return new TimingComparison(current.Name, verdict, bm, hm, ratio, p, $"{why}: {numbers}", b, h, design);
    }

    /// <summary>The ratio with two decimals, more where that would put it onto or across the limit it is judged by (<see cref="TimingGateOptions.MaxRatio"/>, or its inverse for a faster one).</summary>
    private static string RatioText(double ratio, TimingGateOptions options) =>
        ReportFormat.Against(ratio, "0.00", ratio >= 1 ? options.MaxRatio : 1 / options.MaxRatio);

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
    internal static string Time(double ns) => Time(ns, double.NaN);

    /// <summary>Nanoseconds as <see cref="Time(double)"/> prints them, with the decimals <see cref="ReportFormat.Against"/> adds beside <paramref name="limitNs"/>.</summary>
    internal static string Time(double ns, double limitNs)
    {
        var (scale, unit) = ns switch
        {
            >= 1e9 => (1e9, " s"),
            >= 1e6 => (1e6, " ms"),
            >= 1e3 => (1e3, " µs"),
            _ => (1, " ns"),
        };
        return ReportFormat.Against(ns / scale, "0.###", limitNs / scale) + unit;
    }
}
