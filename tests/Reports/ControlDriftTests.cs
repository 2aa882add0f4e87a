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

    [Fact]
    public void Between_AtATailPercentile_ComparesThatPercentile_AndKnowsWhetherEveryPageCameFromMemory()
    {
        // The same medians beside both sizes; beside 10M every query's slowest executions took twice as long, and one read from disk.
        ControlMeasurement from = new(1_000_000, [.. Enumerable.Range(0, 7).Select(i => Query($"q{i}", tail: 1, physicalReads: 0))]);
        ControlMeasurement to = new(10_000_000, [.. Enumerable.Range(0, 7).Select(i => Query($"q{i}", tail: 2, physicalReads: i == 0 ? 3 : 0))]);

        var median = ControlDrift.Between(from, to)!;
        var tail = ControlDrift.Between(from, to, 95)!;

        Assert.Equal((50.0, 1.0), (median.Percentile, median.Typical));
        Assert.Equal((95.0, 2.0), (tail.Percentile, tail.Typical));
        Assert.True(tail.Changed);
        Assert.False(tail.FromMemory);
        Assert.True(ControlDrift.Between(from, from, 95)!.FromMemory);
        // 72 executions bound a p95 but not a p99 (368): the p99s would be each query's slowest execution.
        Assert.Null(ControlDrift.Between(from, to, 99));
    }

    /// <summary>72 executions of 10 ms but for the slowest eight, which take 20 ms × <paramref name="tail"/>; the pages read from disk as counted.</summary>
    private static QueryMeasurement Query(string name, double tail, long physicalReads) =>
        QueryMeasurement.FromRounds(name, [.. Enumerable.Range(0, 8).Select(r => (IReadOnlyList<double>)[.. Enumerable.Repeat(10.0, 8), 20 * tail])], new ExactWork(100, 5, 0, null, false, false, "range"), [])
            with { Pages = new PageCounts(1_000, physicalReads, 72) };
}
