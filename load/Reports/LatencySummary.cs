using HdrHistogram;
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
            histogram.TotalCount == 0 ? 0 : histogram.GetMean() / 1000.0);
    }
}
