using ScottPlot;
using Telemetry.Data.Schema;

namespace Perf.Harness.Reports;

/// <summary>Draws the capacity report's charts as PNG bytes with ScottPlot.</summary>
/// <remarks>Row counts span decades, so the row axis is log10(rows) with ticks labelled in rows.</remarks>
public static class CapacityCharts
{
    private const int Width = 900;
    private const int Height = 420;
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>P99 latency of <paramref name="query"/> against trade rows, one colour per variant: measured points and the chosen fitted curve.</summary>
    public static byte[] LatencyChart(CapacityData data, string query, IReadOnlyList<QueryGrowth> growth)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(growth);
        var plot = new Plot();
        var allRows = new List<double>();
        foreach (var variant in data.Variants)
        {
            var color = ColorOf(variant);
            var points = data.For(variant)
                .Select(m => (Rows: (double)m.TradeRows, Query: m.Queries.FirstOrDefault(q => q.Query == query)))
                .Where(p => p.Query is not null)
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            allRows.AddRange(points.Select(p => p.Rows));
            var measured = plot.Add.ScatterPoints(points.Select(p => Math.Log10(p.Rows)).ToArray(), points.Select(p => p.Query!.P99Ms).ToArray(), color);
            measured.MarkerSize = 9;
            measured.LegendText = $"{variant} p99";
            if (growth.FirstOrDefault(g => g.Variant == variant && g.Query == query) is { } fit)
            {
                var (xs, ys) = Sample(fit.P99.Best, points.Min(p => p.Rows), points.Max(p => p.Rows));
                var line = plot.Add.ScatterLine(xs, ys, color);
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = $"{variant} fit: {fit.P99.Best.Model.ToString().ToLowerInvariant()}";
            }
        }

        plot.Add.HorizontalLine(data.Targets.P99Ms, 1, Colors.Red.WithAlpha(0.4), LinePattern.Dotted);
        RowTicks(plot, allRows);
        plot.Axes.Left.Label.Text = "p99 latency (ms)";
        plot.Axes.SetLimitsY(0, Math.Max(1, MaxY(data, query)) * 1.15);
        plot.Title($"{query}: p99 vs trade rows");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Marginal data and index bytes per trade row, stacked, per variant.</summary>
    public static byte[] BytesPerRowChart(IReadOnlyList<StorageFit> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var plot = new Plot();
        var dataColor = Palette.GetColor(0);
        var indexColor = Palette.GetColor(1);
        var bars = new List<Bar>();
        for (var i = 0; i < storage.Count; i++)
        {
            var fit = storage[i];
            bars.Add(new Bar { Position = i, ValueBase = 0, Value = fit.DataBytesPerRow, FillColor = dataColor });
            bars.Add(new Bar { Position = i, ValueBase = fit.DataBytesPerRow, Value = fit.BytesPerRow, FillColor = indexColor, Label = ReportFormat.Number(fit.BytesPerRow, 0) });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, storage.Count).Select(i => (double)i)],
            [.. storage.Select(s => s.Variant.ToString())]);
        plot.Axes.Left.Label.Text = "bytes per trade row";
        plot.Axes.SetLimitsY(0, Math.Max(1, storage.Max(s => s.BytesPerRow)) * 1.35);
        plot.Title("Bytes per trade row (marginal)");
        plot.ShowLegend([new LegendItem { LabelText = "data", FillColor = dataColor }, new LegendItem { LabelText = "secondary indexes", FillColor = indexColor }], Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Capacity (highest rate meeting the targets) against trade rows, per variant; null when no capacity was measured.</summary>
    public static byte[]? CapacityChart(CapacityData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Measurements.Any(m => m.CapacityRps is > 0))
        {
            return null;
        }

        var plot = new Plot();
        var allRows = new List<double>();
        foreach (var variant in data.Variants)
        {
            var points = data.For(variant).Where(m => m.CapacityRps is > 0).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            allRows.AddRange(points.Select(p => (double)p.TradeRows));
            var line = plot.Add.Scatter(points.Select(p => Math.Log10(p.TradeRows)).ToArray(), points.Select(p => p.CapacityRps!.Value).ToArray(), ColorOf(variant));
            line.LineWidth = 2;
            line.MarkerSize = 9;
            line.LegendText = variant.ToString();
        }

        RowTicks(plot, allRows);
        plot.Axes.Left.Label.Text = "requests/s within p95/p99 targets";
        plot.Axes.SetLimitsY(0, data.Measurements.Max(m => m.CapacityRps ?? 0) * 1.15);
        plot.Title("Capacity per variant");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static Color ColorOf(SchemaVariant variant) => Palette.GetColor((int)variant);

    private static double MaxY(CapacityData data, string query) =>
        data.Measurements.SelectMany(m => m.Queries).Where(q => q.Query == query).Select(q => q.P99Ms).DefaultIfEmpty(1).Max();

    private static (double[] Xs, double[] Ys) Sample(GrowthFit fit, double minRows, double maxRows)
    {
        const int Steps = 40;
        var lo = Math.Log10(minRows);
        var hi = Math.Log10(Math.Max(maxRows, minRows * 1.01));
        var xs = Enumerable.Range(0, Steps + 1).Select(i => lo + ((hi - lo) * i / Steps)).ToArray();
        return (xs, [.. xs.Select(x => fit.Predict(Math.Pow(10, x)))]);
    }

    private static void RowTicks(Plot plot, List<double> rows)
    {
        var distinct = rows.Distinct().Order().ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. distinct.Select(Math.Log10)],
            [.. distinct.Select(ReportFormat.Rows)]);
        var lo = Math.Log10(distinct[0]);
        var hi = Math.Log10(distinct[^1]);
        var pad = Math.Max(0.1, (hi - lo) * 0.08);
        plot.Axes.SetLimitsX(lo - pad, hi + pad);
        plot.Axes.Bottom.Label.Text = "trade rows (log scale)";
    }
}
