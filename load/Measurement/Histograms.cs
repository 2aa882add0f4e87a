using System.Diagnostics;
using HdrHistogram;

namespace Perf.Load.Measurement;

/// <summary>How every latency histogram in the runner is shaped, and the unit conversions into it.</summary>
/// <remarks>Values are microseconds (never Stopwatch ticks) at 3 significant digits, clamped to one hour.</remarks>
internal static class Histograms
{
    /// <summary>Highest trackable value: one hour in microseconds; larger values are clamped to it.</summary>
    public const long HighestTrackableMicros = 3_600_000_000;

    /// <summary>Significant digits kept.</summary>
    public const int SignificantDigits = 3;

    /// <summary>A new empty histogram of the house shape.</summary>
    public static LongHistogram Create() => new(1, HighestTrackableMicros, SignificantDigits);

    /// <summary>Clamps a value into the trackable range (negative values become zero).</summary>
    public static long Clamp(long micros) => Math.Clamp(micros, 0, HighestTrackableMicros);

    /// <summary>Converts a Stopwatch tick difference into whole microseconds.</summary>
    public static long TicksToMicros(long stopwatchTicks) =>
        (long)(stopwatchTicks * (1_000_000.0 / Stopwatch.Frequency));

    /// <summary>Converts microseconds into Stopwatch ticks.</summary>
    public static long MicrosToTicks(double micros) => (long)(micros * (Stopwatch.Frequency / 1_000_000.0));

    /// <summary>Value at a percentile in milliseconds (0 for an empty histogram).</summary>
    public static double PercentileMs(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>Largest recorded value in milliseconds, exact to the histogram's precision.</summary>
    public static double MaxMs(HistogramBase histogram) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0;
}
