using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>Everything measured for one schema variant at one dataset size.</summary>
/// <param name="Variant">The schema variant.</param>
/// <param name="TradeRows">Trade rows in the dataset (the size axis of every fit).</param>
/// <param name="SeedSeconds">Seconds it took to seed this variant.</param>
/// <param name="DataBytes">Data bytes of the variant's telemetry tables.</param>
/// <param name="IndexBytes">Secondary index bytes of the variant's telemetry tables.</param>
/// <param name="CapacityRps">The highest request rate that met the P95/P99 targets, or null when not measured.</param>
/// <param name="Queries">Per-query latency and plan.</param>
/// <param name="Indexes">Per-index sizes, to tell which indexes earn their cost.</param>
/// <param name="CapacityIsLowerBound">True when the capacity search missed no step: it passed every step up to its maximum rate, or stopped on a step its load generator could not keep (INVALID). The capacity is at least <paramref name="CapacityRps"/>.</param>
public sealed record VariantMeasurement(
    SchemaVariant Variant,
    long TradeRows,
    double SeedSeconds,
    long DataBytes,
    long IndexBytes,
    double? CapacityRps,
    IReadOnlyList<QueryMeasurement> Queries,
    IReadOnlyList<IndexSize> Indexes,
    bool CapacityIsLowerBound = false)
{
    /// <summary>Data plus index bytes.</summary>
    public long TotalBytes => DataBytes + IndexBytes;

    /// <summary>The cache conditions it was measured under; null in sweeps recorded before cache states.</summary>
    public CacheCondition? Cache { get; init; }

    /// <summary>The buffer pool counters of every timed execution of every query, when counted.</summary>
    public PageCounts? Pages => Queries.All(q => q.Pages is not null) && Queries.Count > 0 ? PageCounts.Sum(Queries.Select(q => q.Pages!)) : null;

    /// <summary>
    /// The buffer pool's counters over the capacity search's highest passing step, per request: its traffic (random
    /// profiles and windows) reaches across the data, where the query cases repeat fixed parameters. Null when capacity
    /// was not searched, no step passed, or in sweeps recorded before it was counted.
    /// </summary>
    public PageCounts? CapacityPages { get; init; }

    /// <summary>When its rounds began (UTC): sizes timed in the same rounds share it; null in sweeps recorded before it was kept.</summary>
    public DateTimeOffset? TimedFromUtc { get; init; }

    /// <summary>When its rounds ended (UTC); null in sweeps recorded before it was kept.</summary>
    public DateTimeOffset? TimedToUtc { get; init; }

    /// <summary>Data and index bytes over the buffer pool: how many times its memory the data is (null without <see cref="Cache"/>).</summary>
    public double? DataToMemory => Cache is { BufferPoolBytes: > 0 } cache ? (double)TotalBytes / cache.BufferPoolBytes : null;
}
