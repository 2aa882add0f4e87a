namespace Perf.Seed.Cli;

/// <summary>The figures of one <c>bench-load</c> run, as written to <c>bench-load.json</c>: medians, then every run's seconds.</summary>
public sealed record BulkLoadMeasurement(
    long Trades,
    int Repeat,
    double PlainLoadSeconds,
    double PlainIndexSeconds,
    double SeederSeconds,
    double PlainRowsPerSecond,
    double SeederRowsPerSecond,
    double Ratio,
    IReadOnlyList<double> PlainRunSeconds,
    IReadOnlyList<double> SeederRunSeconds);
