using Perf.Harness.Reports;
using ScottPlot;
using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>Draws the capacity report's charts as PNG bytes with ScottPlot.</summary>
/// <remarks>Row counts span decades, so the row axis is log10(rows) with ticks labelled in rows.</remarks>
public static class CapacityCharts
{
    /// <summary>Latency of <paramref name="query"/> against trade rows, one colour per variant: the highest percentile its samples support at every size, with its 95 % interval as a band.</summary>
    public static byte[] LatencyChart(CapacityData data, string query)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = new Plot();
        var allRows = new List<double>();
        double top = 1;
        foreach (var variant in data.Variants)
        {
            var color = ColorOf(variant);
            var queries = data.For(variant)
                .Select(m => (Rows: (double)m.TradeRows, Query: m.Queries.FirstOrDefault(q => q.Query == query)))
                .Where(p => p.Query is not null)
                .ToList();
            if (queries.Count == 0)
            {
                continue;
            }

            allRows.AddRange(queries.Select(p => p.Rows));
            // One percentile per variant, the highest every size supports, so the points of a line compare.
            var percentile = new[] { 99.0, 95, 50 }.FirstOrDefault(p => queries.All(q => q.Query!.Estimate(p).IsBounded));
            if (percentile == 0)
            {
                continue;
            }

            var points = queries.Select(p => (X: Math.Log10(p.Rows), Estimate: p.Query!.Estimate(percentile))).ToList();
            top = Math.Max(top, points.Max(p => p.Estimate.Upper!.Value));
            var band = plot.Add.FillY(
                [.. points.Select(p => p.X)], [.. points.Select(p => p.Estimate.Upper!.Value)], [.. points.Select(p => p.Estimate.Lower!.Value)]);
            band.FillColor = color.WithAlpha(0.2);
            band.LineColor = color.WithAlpha(0.4);
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Estimate.Value!.Value).ToArray(), color);
            line.MarkerSize = 9;
            line.LineWidth = 2;
            line.LegendText = $"{variant} p{percentile:0} (95 % interval)";
        }

        RowTicks(plot, allRows);
        plot.Axes.Left.Label.Text = "latency (ms)";
        plot.Axes.SetLimitsY(0, top * 1.15);
        plot.Title($"{query}: latency vs trade rows");
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Png(plot);
    }

    /// <summary>Marginal data and index bytes per trade row, stacked, per variant.</summary>
    public static byte[] BytesPerRowChart(IReadOnlyList<StorageFit> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var plot = new Plot();
        var dataColor = ChartStyle.Palette.GetColor(0);
        var indexColor = ChartStyle.Palette.GetColor(1);
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
        return ChartStyle.Png(plot);
    }

    /// <summary>Capacity (highest rate meeting the targets) against trade rows, per variant; null when no capacity was measured.</summary>
    public static byte[]? CapacityChart(CapacityData data) => CapacityPlot(data) is { } plot ? ChartStyle.Png(plot) : null;

    /// <summary>The plot <see cref="CapacityChart"/> draws.</summary>
    internal static Plot? CapacityPlot(CapacityData data)
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
            MarkCeilings(plot, points, p => Math.Log10(p.TradeRows), ColorOf(variant));
        }

        CeilingLegend(plot, data.Measurements);
        RowTicks(plot, allRows);
        plot.Axes.Left.Label.Text = "requests/s within p95/p99 targets";
        plot.Axes.SetLimitsY(0, data.Measurements.Max(m => m.CapacityRps ?? 0) * 1.15);
        plot.Title("Capacity per variant");
        // Below the plot: capacities crowd its top, where a legend inside would hide them.
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Capacity against data ÷ buffer pool per variant (warm and memory-constrained measurements on one line, by ratio): where each variant's capacity falls as its data outgrows memory; null without a constrained capacity.</summary>
    public static byte[]? MemoryChart(CapacityData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var measured = data.Measurements.Concat(data.CacheStates)
            .Where(m => m.CapacityRps is not null && m.DataToMemory is > 0 && m.Cache!.State != CacheState.Cold)
            .ToList();
        if (!measured.Any(m => m.Cache!.State == CacheState.Constrained))
        {
            return null;
        }

        var plot = new Plot();
        foreach (var variant in data.Variants)
        {
            var points = measured.Where(m => m.Variant == variant).OrderBy(m => m.DataToMemory).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => Math.Log10(p.DataToMemory!.Value)).ToArray(), points.Select(p => p.CapacityRps!.Value).ToArray(), ColorOf(variant));
            line.LineWidth = 2;
            line.MarkerSize = 9;
            line.LegendText = variant.ToString();
            MarkCeilings(plot, points, p => Math.Log10(p.DataToMemory!.Value), ColorOf(variant));
        }

        CeilingLegend(plot, measured);

        var ratios = measured.Select(m => m.DataToMemory!.Value).ToList();
        var ticks = Enumerable.Range(-3, 8).Select(e => Math.Pow(10, e)).Where(t => t >= ratios.Min() / 10 && t <= ratios.Max() * 10).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks.Select(Math.Log10)], [.. ticks.Select(t => ReportFormat.Number(t, 3) + "×")]);
        var lo = Math.Log10(ratios.Min());
        var hi = Math.Log10(ratios.Max());
        var pad = Math.Max(0.1, (hi - lo) * 0.08);
        plot.Axes.SetLimitsX(lo - pad, hi + pad);
        plot.Axes.Bottom.Label.Text = "data ÷ buffer pool (log scale)";
        plot.Axes.Left.Label.Text = "requests/s within p95/p99 targets";
        plot.Axes.SetLimitsY(0, Math.Max(1, measured.Max(m => m.CapacityRps!.Value)) * 1.15);
        plot.Title("Capacity as data outgrows memory");
        plot.ShowLegend(Edge.Bottom);
        return ChartStyle.Png(plot);
    }

    private static Color ColorOf(SchemaVariant variant) => ChartStyle.Palette.GetColor((int)variant);

    /// <summary>An upward triangle over every capacity at the search's ceiling: every step passed, so the capacity is at least that, not that.</summary>
    private static void MarkCeilings(Plot plot, IEnumerable<VariantMeasurement> points, Func<VariantMeasurement, double> x, Color color)
    {
        var ceilings = points.Where(p => p.CapacityIsLowerBound).ToList();
        if (ceilings.Count > 0)
        {
            plot.Add.Markers(ceilings.Select(x).ToArray(), ceilings.Select(p => p.CapacityRps!.Value).ToArray(), MarkerShape.FilledTriangleUp, 16, color);
        }
    }

    /// <summary>The legend's line for <see cref="MarkCeilings"/>, when a chart has one.</summary>
    private static void CeilingLegend(Plot plot, IEnumerable<VariantMeasurement> measured)
    {
        if (measured.Any(m => m.CapacityIsLowerBound && m.CapacityRps is > 0))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "every step passed: at least this", MarkerShape = MarkerShape.FilledTriangleUp, MarkerColor = Colors.Gray, MarkerSize = 12, LineWidth = 0 });
        }
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
