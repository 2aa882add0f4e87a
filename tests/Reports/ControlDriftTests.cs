using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class ControlDriftTests
{
    [Fact]
    public void Between_OnlyQueriesWithTheSameWorkBesideBothSizesCount()
    {
        ControlMeasurement from = new(1_000_000, [.. Enumerable.Range(0, 7).Select(i => SampleCapacityData.Query($"q{i}", 10, 100))]);
        // q6's plan changed beside 10M (it examined other rows), so its doubling says nothing of the machine.
        ControlMeasurement to = new(10_000_000, [.. Enumerable.Range(0, 6).Select(i => SampleCapacityData.Query($"q{i}", 11, 100)), SampleCapacityData.Query("q6", 20, 250)]);

        var drift = ControlDrift.Between(from, to)!;

        Assert.Equal(6, drift.Ratios.Count);
        Assert.All(drift.Ratios, r => Assert.Equal(1.1, r, 9));
        Assert.True(drift.Changed);
        Assert.Equal("1.1× [1.1–1.1]", drift.ToString());
    }

    [Fact]
    public void Between_TooFewQueriesForAnInterval_NoChangeClaimed()
    {
        ControlMeasurement from = new(1_000_000, [SampleCapacityData.Query("a", 10, 100), SampleCapacityData.Query("b", 20, 100)]);
        ControlMeasurement to = new(10_000_000, [SampleCapacityData.Query("a", 20, 100), SampleCapacityData.Query("b", 40, 100)]);

        var drift = ControlDrift.Between(from, to)!;

        Assert.False(drift.Changed);
        Assert.Equal("2× (2 queries: too few for an interval)", drift.ToString());
        Assert.Null(ControlDrift.Between(from, new ControlMeasurement(10_000_000, [SampleCapacityData.Query("c", 20, 100)])));
    }
}
