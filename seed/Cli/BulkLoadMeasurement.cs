using Perf.Analysis.Gates;

namespace Perf.Seed.Cli;

/// <summary>The figures of one <c>bench-load</c> run, as written to <c>bench-load.json</c>: medians, the pairs' verdict against the target, then every run's seconds.</summary>
public sealed record BulkLoadMeasurement(
    long Trades,
    int Repeat,
    double PlainLoadSeconds,
    double PlainIndexSeconds,
    double SeederSeconds,
    double PlainRowsPerSecond,
    double SeederRowsPerSecond,
    FloorCheck Ratio,
    IReadOnlyList<double> PlainRunSeconds,
    IReadOnlyList<double> SeederRunSeconds);
