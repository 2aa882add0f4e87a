using Perf.Analysis.Gates;

namespace Perf.Seed.Cli;

/// <summary>The figures of one <c>bench-load</c> run, as written to <c>bench-load.json</c>: medians, the pairs' verdict against the target, then every run's seconds.</summary>
/// <remarks>
/// <see cref="PlainLoadSeconds"/> and <see cref="PlainIndexSeconds"/> are the parts of the plain run whose total is the
/// median (with an even count, the means of the two middle runs' parts), so they add up to the median total; results
/// written before 2026-12-07 hold each part's own median there.
/// </remarks>
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
