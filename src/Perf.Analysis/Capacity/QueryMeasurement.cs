namespace Perf.Analysis.Capacity;

/// <summary>One query's measured latency and plan on one schema variant at one dataset size.</summary>
/// <param name="Query">The query's name, e.g. <c>trades_30d</c>.</param>
/// <param name="P50Ms">Nearest-rank median of every execution in milliseconds.</param>
/// <param name="P95Ms">Nearest-rank 95th percentile; read it through <see cref="Estimate"/>, which says when the samples cannot support it.</param>
/// <param name="P99Ms">Nearest-rank 99th percentile (the maximum below 100 samples); read it through <see cref="Estimate"/>.</param>
/// <param name="RowsExamined">Rows the server read to answer it (handler read deltas or <c>r_rows</c>), exact and repeatable.</param>
/// <param name="IndexesUsed">The indexes its plan used (empty for a full scan).</param>
/// <param name="PartitionsScanned">Partitions its plan touched, when the table is partitioned.</param>
public sealed record QueryMeasurement(
    string Query,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    long RowsExamined,
    IReadOnlyList<string> IndexesUsed,
    int? PartitionsScanned = null)
{
    /// <summary>Every timed execution in milliseconds, round by round (the variants took turns within each round); empty in sweeps recorded before rounds.</summary>
    public IReadOnlyList<IReadOnlyList<double>> RoundsMs { get; init; } = [];

    /// <summary>The exact work of one execution, when the sweep captured it.</summary>
    public ExactWork? Work { get; init; }

    /// <summary>Whether the API runs this query, so the latency targets apply to it (false for the full scan shown for contrast).</summary>
    public bool ServedByApi { get; init; } = true;

    /// <summary>Whether an execution ran past the query layer's command timeout: its last time is a lower bound, and no further executions were run.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The buffer pool counters around its timed executions (unlike <see cref="Work"/>, they depend on what the pool held), when counted.</summary>
    public PageCounts? Pages { get; init; }

    /// <summary>The exact work, or what the plan alone says for sweeps recorded before <see cref="Work"/>.</summary>
    public ExactWork WorkOrPlan => Work ?? new ExactWork(RowsExamined, null, null, PartitionsScanned, false, false, IndexesUsed.Count == 0 ? "scan" : "on " + string.Join(", ", IndexesUsed));

    /// <summary>The percentile with its 95 % interval from every execution, or "needs ≥ N samples".</summary>
    public QuantileEstimate Estimate(double percentile) => OrderStatistics.Estimate([.. RoundsMs.SelectMany(r => r)], percentile);

    /// <summary>Builds a measurement from its rounds of executions: the nearest-rank percentiles and the rounds themselves.</summary>
    public static QueryMeasurement FromRounds(string query, IReadOnlyList<IReadOnlyList<double>> roundsMs, ExactWork work, IReadOnlyList<string> indexesUsed)
    {
        ArgumentNullException.ThrowIfNull(roundsMs);
        ArgumentNullException.ThrowIfNull(work);
        var all = roundsMs.SelectMany(r => r).ToList();
        return new QueryMeasurement(query, Percentile.NearestRank(all, 50), Percentile.NearestRank(all, 95), Percentile.NearestRank(all, 99), work.RowsExamined, indexesUsed, work.Partitions)
        {
            RoundsMs = roundsMs,
            Work = work,
        };
    }
}
