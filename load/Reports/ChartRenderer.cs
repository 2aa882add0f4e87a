using HdrHistogram;
using Perf.Harness.Reports;
using ScottPlot;

namespace Perf.Load.Reports;

/// <summary>Renders the report's charts as PNG bytes with ScottPlot.</summary>
internal static class ChartRenderer
{
    private static readonly double[] PercentileTicks = [50, 90, 99, 99.9, 99.99];

    /// <summary>Latency by percentile (x: 50 % … 99.99 % on a 1/(1−p) log scale), one line per series.</summary>
    public static byte[] PercentileChart(IReadOnlyList<(string Label, HistogramBase Histogram)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        foreach (var (label, histogram) in series.Where(s => s.Histogram.TotalCount > 0))
        {
            var points = histogram.Percentiles(5)
                .Where(v => v.Percentile is >= 1 and < 99.999)
                .Select(v => (X: PercentileToX(v.Percentile), Y: v.ValueIteratedTo / 1000.0))
                .ToArray();
            ChartStyle.AddLine(plot, [.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], label);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. PercentileTicks.Select(PercentileToX)],
            [.. PercentileTicks.Select(p => p.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%")]);
        plot.Axes.SetLimitsX(0, PercentileToX(99.99) * 1.04);
        plot.Axes.Bottom.Label.Text = "percentile";
        plot.Axes.Left.Label.Text = "latency (ms)";
        plot.Title("Latency by percentile");
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Png(plot);
    }

    /// <summary>Gated latency p50/p90/p99/max per interval over the run, with an injected outage's window shaded.</summary>
    /// <remarks>A percentile its interval's requests cannot bound (null in the timeline) is a gap in its line, and a percentile no interval can bound has no line.</remarks>
    public static byte[] LatencyOverTime(IReadOnlyList<TimelinePoint> timeline, (double From, double To)? outage = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var plot = new Plot();
        ShadeOutage(plot, outage);
        var xs = timeline.Select(t => t.Second).ToArray();
        ChartStyle.AddLine(plot, xs, [.. timeline.Select(t => t.MaxMs)], "max");
        AddPercentileLine(plot, xs, timeline, t => t.P99Ms, "p99");
        AddPercentileLine(plot, xs, timeline, t => t.P90Ms, "p90");
        AddPercentileLine(plot, xs, timeline, t => t.P50Ms, "p50");
        plot.Axes.Bottom.Label.Text = "seconds";
        plot.Axes.Left.Label.Text = "latency (ms)";
        plot.Title(timeline.Any(t => t.P50Ms is null || t.P90Ms is null || t.P99Ms is null)
            ? "Latency over time (per interval; gaps: too few requests for that percentile)"
            : "Latency over time (per interval)");
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Png(plot);
    }

    /// <summary>Completed requests per second and errors per interval, with an injected outage's window shaded.</summary>
    public static byte[] ThroughputOverTime(IReadOnlyList<TimelinePoint> timeline, (double From, double To)? outage = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var plot = new Plot();
        ShadeOutage(plot, outage);
        var xs = timeline.Select(t => t.Second).ToArray();
        ChartStyle.AddLine(plot, xs, [.. timeline.Select(t => t.Rps)], "requests/s");
        ChartStyle.AddLine(plot, xs, [.. timeline.Select(t => (double)t.Errors)], "errors");
        plot.Axes.Bottom.Label.Text = "seconds";
        plot.Axes.Left.Label.Text = "per second";
        plot.Title("Throughput over time");
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Png(plot);
    }

    private static void AddPercentileLine(Plot plot, double[] xs, IReadOnlyList<TimelinePoint> timeline, Func<TimelinePoint, double?> percentile, string label)
    {
        if (timeline.Any(t => percentile(t) is not null))
        {
            // ScottPlot leaves a gap at NaN.
            ChartStyle.AddLine(plot, xs, [.. timeline.Select(t => percentile(t) ?? double.NaN)], label);
        }
    }

    private static void ShadeOutage(Plot plot, (double From, double To)? outage)
    {
        if (outage is { } window)
        {
            var span = plot.Add.HorizontalSpan(window.From, window.To);
            span.LegendText = "database outage";
        }
    }

    private static double PercentileToX(double percentile) => Math.Log10(100.0 / (100.0 - Math.Min(percentile, 99.9999)));
}
