namespace Perf.Analysis.Capacity;

/// <summary>
/// Which measured percentiles a report may call over their targets: every p95 and p99 it sets beside a target, tested
/// together by Holm's step-down (<see cref="Holm"/>), so the chance that any of the report's "over" calls is false stays at α.
/// </summary>
/// <remarks>
/// Alone, a percentile is over its target when its one-sided lower bound reaches it (<see cref="QuantileEstimate.IsOver"/>,
/// 97.5 %). A report makes hundreds of such calls (variants × sizes × cache states × queries × p95 and p99) and "a variant
/// leaves the targets" is their union, so each one at 2.5 % would let a percentile just under its target be called over
/// somewhere in most reports. Holm's test keeps the family at α whatever the calls' dependence, and a clear miss (most
/// samples over the target) keeps a p-value far below α / m. A p95 or p99 shown under its target needs no correction: "every
/// query is under" is the intersection of the calls, and holds at α when each does.
/// </remarks>
public sealed class TargetTests
{
    /// <summary>The family's α: one interval's lower side, so a report of one call judges it as <see cref="QuantileEstimate.IsOver"/> does.</summary>
    public const double DefaultAlpha = (1 - OrderStatistics.DefaultConfidence) / 2;

    /// <summary>The percentiles held to a target: p95 to the p95 target, p99 to the p99 one (a lower percentile over a target puts the higher one over it, and the higher one's own test is the stronger).</summary>
    public static readonly IReadOnlyList<double> Percentiles = [95, 99];

    private readonly Dictionary<QueryMeasurement, (double P95, double P99)> pValues;
    private readonly LatencyTargets targets;

    private TargetTests(Dictionary<QueryMeasurement, (double P95, double P99)> pValues, LatencyTargets targets, double alpha)
    {
        this.pValues = pValues;
        this.targets = targets;
        Alpha = alpha;
        Count = pValues.Count * Percentiles.Count;
        Cut = Holm.Cut(pValues.Values.SelectMany(p => new[] { p.P95, p.P99 }), alpha);
    }

    /// <summary>How many calls the family holds: two per query measured.</summary>
    public int Count { get; }

    /// <summary>The family-wise α.</summary>
    public double Alpha { get; }

    /// <summary>The largest p-value the step-down rejected (a call is over when its p-value is at most this), or −1 when it rejected none.</summary>
    public double Cut { get; }

    /// <summary>The calls of every measurement in <paramref name="data"/> (warm, cold and memory-constrained, the contrast query's included: the report shows each beside a target).</summary>
    public static TargetTests Of(CapacityData data, double alpha = DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Of(data.Measurements.Concat(data.CacheStates).SelectMany(m => m.Queries), data.Targets, alpha);
    }

    /// <summary>The calls of <paramref name="queries"/> against <paramref name="targets"/>.</summary>
    public static TargetTests Of(IEnumerable<QueryMeasurement> queries, LatencyTargets targets, double alpha = DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(alpha, 1);
        var pValues = new Dictionary<QueryMeasurement, (double, double)>(ReferenceEqualityComparer.Instance);
        foreach (var query in queries)
        {
            var samples = query.RoundsMs.SelectMany(r => r).ToList();
            pValues.TryAdd(query, (OrderStatistics.OverPValue(samples, 95, targets.P95Ms), OrderStatistics.OverPValue(samples, 99, targets.P99Ms)));
        }

        return new TargetTests(pValues, targets, alpha);
    }

    /// <summary>The target <paramref name="percentile"/> (95 or 99) is held to.</summary>
    public double TargetMs(double percentile) => percentile switch
    {
        95 => targets.P95Ms,
        99 => targets.P99Ms,
        _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Only p95 and p99 are held to a target."),
    };

    /// <summary>The p-value of "<paramref name="query"/>'s <paramref name="percentile"/> is at or over its target" (<see cref="OrderStatistics.OverPValue(long, long, double)"/>).</summary>
    public double PValue(QueryMeasurement query, double percentile)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!pValues.TryGetValue(query, out var p))
        {
            throw new ArgumentException($"`{query.Query}` is not among the measurements this family tests.", nameof(query));
        }

        _ = TargetMs(percentile);
        return percentile == 95 ? p.P95 : p.P99;
    }

    /// <summary>True when the family calls <paramref name="query"/>'s <paramref name="percentile"/> over its target.</summary>
    public bool IsOver(QueryMeasurement query, double percentile) => PValue(query, percentile) <= Cut;

    /// <summary>True when the percentile's lower bound alone reaches its target but the family does not call it over: it may be over.</summary>
    public bool IsOverAlone(QueryMeasurement query, double percentile) => !IsOver(query, percentile) && PValue(query, percentile) <= DefaultAlpha;

    /// <summary>"p = 0.0031, Holm over the report's 1200 target calls, α 0.025", or "p = 0.0121: not over after Holm over …".</summary>
    public string Evidence(QueryMeasurement query, double percentile)
    {
        var p = PValue(query, percentile);
        var family = $"Holm over the report's {ReportFormat.Number(Count, 0)} target calls, α {ReportFormat.Alpha(Alpha)}";
        return IsOver(query, percentile) ? $"{ReportFormat.PValue(p)}, {family}" : $"{ReportFormat.PValue(p)}: not over after {family}";
    }
}
