using static Perf.Analysis.Capacity.ReportFormat;

namespace Perf.Analysis.Capacity;

/// <summary>
/// How much slower (above 1) or faster the control ran beside one size than beside another: per query its p50 (or another
/// percentile) there over the same percentile here, summarised by their median with its 95 % order-statistic interval (the
/// queries taken as a sample of the work the machine does).
/// </summary>
/// <param name="FromRows">The size compared against.</param>
/// <param name="ToRows">The size compared.</param>
/// <param name="Ratios">Per query timed beside both with the same rows examined, its percentile beside <paramref name="ToRows"/> over the same beside <paramref name="FromRows"/>, smallest first.</param>
public sealed record ControlDrift(long FromRows, long ToRows, IReadOnlyList<double> Ratios)
{
    /// <summary>
    /// Whether the control read every page from the buffer pool beside both sizes (its round counters show no physical
    /// read): its change is then the machine's speed, not the larger size's data evicting the control's pages.
    /// </summary>
    public bool FromMemory { get; init; }

    /// <summary>The percentile compared (nearest rank of every execution): 50, 95 or 99.</summary>
    public double Percentile { get; init; } = 50;

    /// <summary>The control's change in <paramref name="percentile"/> (50, 95 or 99) from <paramref name="from"/>'s rounds to <paramref name="to"/>'s; null when no query was timed beside both with the same work (and, for p95 or p99, enough executions beside both to bound it).</summary>
    public static ControlDrift? Between(ControlMeasurement from, ControlMeasurement to, double percentile = 50)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        // A query counts only where its exact work was the same beside both sizes: the control's plans are captured anew at
        // every size, and one that changed would time other work. A tail percentile counts only where the samples bound it
        // beside both: a p99 of 72 executions is their maximum, and a ratio of two maxima is not the change of a p99. (A
        // median of a few executions is still a middle one; the queries' spread gives the change its interval.)
        List<double> ratios = [.. to.Queries
            .Select(q => (To: q, From: from.Queries.FirstOrDefault(f => f.Query == q.Query && f.RowsExamined == q.RowsExamined)))
            .Where(p => p.From is not null && (percentile == 50 || (p.From.Estimate(percentile).IsBounded && p.To.Estimate(percentile).IsBounded)))
            .Where(p => At(p.From!, percentile) > 0 && At(p.To, percentile) > 0)
            .Select(p => At(p.To, percentile) / At(p.From!, percentile))
            .Order()];
        return ratios.Count == 0 ? null : new ControlDrift(from.TradeRows, to.TradeRows, ratios) { FromMemory = InMemory(from) && InMemory(to), Percentile = percentile };

        static double At(QueryMeasurement query, double percentile) => percentile switch
        {
            50 => query.P50Ms,
            95 => query.P95Ms,
            99 => query.P99Ms,
            _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The control's change is compared at p50, p95 or p99."),
        };

        static bool InMemory(ControlMeasurement control) => control.Queries.All(q => q.Pages is { PhysicalReads: 0 });
    }

    /// <summary>The median ratio (nearest rank) with its interval, when the queries are enough to bound it.</summary>
    public QuantileEstimate Median => OrderStatistics.Estimate(Ratios, 50);

    /// <summary>The median ratio by nearest rank, bounded or not.</summary>
    public double Typical => Ratios[Math.Max(0, (int)Math.Ceiling(Ratios.Count / 2.0) - 1)];

    /// <summary>Whether the same work ran at another speed: the median ratio's interval excludes 1.</summary>
    public bool Changed => Median is { IsBounded: true } median && (median.Lower > 1 || median.Upper < 1);

    /// <summary>As <c>1.93× [1.85–2.01]</c>, or <c>1.1× (3 queries: too few for an interval)</c>.</summary>
    public override string ToString() => Median is { IsBounded: true } median
        ? $"{Number(median.Value!.Value, 2)}× [{Number(median.Lower!.Value, 2)}–{Number(median.Upper!.Value, 2)}]"
        : $"{Number(Typical, 2)}× ({Ratios.Count} queries: too few for an interval)";
}
