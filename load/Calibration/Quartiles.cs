namespace Perf.Load.Calibration;

/// <summary>The 25th and 75th percentiles of a set of round figures: the middle half of the rounds.</summary>
/// <param name="Low">25th percentile.</param>
/// <param name="High">75th percentile.</param>
internal readonly record struct Quartiles(double Low, double High);
