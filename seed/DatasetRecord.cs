namespace Perf.Seed;

/// <summary>One row of <c>perf_dataset</c>: a dataset loaded (or being loaded) into a variant database.</summary>
public sealed record DatasetRecord(
    int DatasetId,
    string Fingerprint,
    string Spec,
    long Seed,
    string Scale,
    string GeneratorVersion,
    long TradeIdBase,
    long HealthIdBase,
    long TradeRows,
    long HealthRows,
    int ChunkRows,
    DatasetState State,
    string? Checksum,
    string? SourceDatabase)
{
    /// <summary>The metric windows in the table once this dataset was complete (0 with <c>--no-metrics</c>); null before it completed.</summary>
    public long? MetricRows { get; init; }
}
