using HdrHistogram;

namespace Perf.Load.Reports;

/// <summary>One line of an interval log.</summary>
/// <param name="Tag">The line's tag, or null.</param>
/// <param name="StartUnixSeconds">Interval start, Unix seconds.</param>
/// <param name="LengthSeconds">Interval length, seconds.</param>
/// <param name="Histogram">The interval's histogram.</param>
internal sealed record HistogramLogEntry(string? Tag, double StartUnixSeconds, double LengthSeconds, HistogramBase Histogram);
