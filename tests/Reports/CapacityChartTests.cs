using Perf.Analysis.Capacity;
using ScottPlot;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

public sealed class CapacityChartTests
{
    [Fact]
    public void CapacityPlot_SearchThatPassedEveryStep_MarkedAsALowerBound()
    {
        // Partitioned passed every step at 100k: its capacity is at least the search's ceiling, not that rate.
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant == SchemaVariant.Partitioned && m.TradeRows == 100_000 ? m with { CapacityIsLowerBound = true } : m)] };

        var plot = CapacityCharts.CapacityPlot(data)!;
        var plain = CapacityCharts.CapacityPlot(SampleCapacityData.Create())!;

        var marks = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>());
        var ceiling = data.Measurements.Single(m => m.Variant == SchemaVariant.Partitioned && m.TradeRows == 100_000);
        Assert.Equal([new Coordinates(5, ceiling.CapacityRps!.Value)], marks.Data.GetScatterPoints());
        Assert.Contains(plot.Legend.ManualItems, i => i.LabelText == "every step passed: at least this");
        Assert.Empty(plain.GetPlottables().OfType<ScottPlot.Plottables.Markers>());
        Assert.Empty(plain.Legend.ManualItems);
    }
}
