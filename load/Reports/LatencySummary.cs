using System.Globalization;
using HdrHistogram;
using Perf.Analysis.Capacity;
using Perf.Load.Measurement;

namespace Perf.Load.Reports;

/// <summary>Percentiles of one latency histogram, in milliseconds.</summary>
/// <param name="P50">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Mean">Mean.</param>
public sealed record LatencySummary(double P50, double P75, double P90, double P95, double P99, double P999, double Max, double Mean)
{
    /// <summary>How many latencies the histogram holds, which decides the percentiles it can support; 0 in results written before it was recorded.</summary>
    public long Samples { get; init; }

    /// <summary>A percentile for a human-readable table: the value, or "needs ≥ N" when <paramref name="samples"/> cannot bound it (with 30 samples the p99 is the maximum).</summary>
    /// <remarks>N is <see cref="OrderStatistics.SamplesNeeded"/>: the fewest samples whose order statistics give the percentile a 95 % interval. JSON keeps the value, with <see cref="Samples"/> beside it.</remarks>
    public static string Cell(double valueMs, long samples, double percentile, string format) => Cell(valueMs, samples, percentile, format, double.NaN);

    /// <summary>A percentile as <see cref="Cell(double, long, double, string)"/> prints it, with the decimals <see cref="ReportFormat.Against"/> adds beside <paramref name="limitMs"/> (NaN: none).</summary>
    public static string Cell(double valueMs, long samples, double percentile, string format, double limitMs) =>
        Supported(valueMs, samples, percentile) is { } supported
            ? ReportFormat.Against(supported, format, limitMs)
            : string.Create(CultureInfo.InvariantCulture, $"needs ≥ {OrderStatistics.SamplesNeeded(percentile)}");

    /// <summary><paramref name="valueMs"/> when <paramref name="samples"/> can bound the percentile (<see cref="OrderStatistics.SamplesNeeded"/>), else null.</summary>
    public static double? Supported(double valueMs, long samples, double percentile) =>
        samples >= OrderStatistics.SamplesNeeded(percentile) ? valueMs : null;

    /// <summary>Reads the percentiles from a microsecond histogram.</summary>
    internal static LatencySummary From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return new LatencySummary(
            Histograms.PercentileMs(histogram, 50),
            Histograms.PercentileMs(histogram, 75),
            Histograms.PercentileMs(histogram, 90),
            Histograms.PercentileMs(histogram, 95),
            Histograms.PercentileMs(histogram, 99),
            Histograms.PercentileMs(histogram, 99.9),
            Histograms.MaxMs(histogram),
            histogram.TotalCount == 0 ? 0 : histogram.GetMean() / 1000.0)
        {
            Samples = histogram.TotalCount,
        };
    }
}
