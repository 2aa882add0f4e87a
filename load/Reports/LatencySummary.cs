using HdrHistogram;
using Perf.Load.Measurement;

namespace Perf.Load.Reports;

/// <summary>Percentiles of one latency histogram, in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P75, double P90, double P95, double P99, double P999, double Max, double Mean)
{
    /// <summary>Reads the percentiles from a microsecond histogram.</summary>
    public static LatencySummary From(HistogramBase histogram)
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
