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
    string? SourceDatabase);
