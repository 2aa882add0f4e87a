namespace Perf.Seed.Cli;

/// <summary>The figures of one <c>bench-load</c> run, as written to <c>bench-load.json</c>.</summary>
public sealed record BulkLoadMeasurement(
    long Trades,
    double PlainLoadSeconds,
    double PlainIndexSeconds,
    double SeederSeconds,
    double PlainRowsPerSecond,
    double SeederRowsPerSecond,
    double Ratio);
