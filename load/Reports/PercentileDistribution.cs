using System.Globalization;
using HdrHistogram;

namespace Perf.Load.Reports;

/// <summary>Writes <c>.hgrm</c> percentile distributions (values in ms) with invariant culture.</summary>
internal static class PercentileDistribution
{
    /// <summary>Writes HdrHistogram's standard percentile distribution of a microsecond histogram, scaled to milliseconds.</summary>
    public static string Render(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return "#[No values recorded]\n";
        }

        // The library formats with the current culture; pin it so a comma-decimal machine writes a readable file.
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            histogram.OutputPercentileDistribution(writer, percentileTicksPerHalfDistance: 5, outputValueUnitScalingRatio: 1000.0, useCsvFormat: false);
            return writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
