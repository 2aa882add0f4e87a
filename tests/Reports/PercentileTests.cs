using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class PercentileTests
{
    [Fact]
    public void NearestRank_HundredSamples_RankedValues()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToList();

        Assert.Equal(50, Percentile.NearestRank(samples, 50));
        Assert.Equal(95, Percentile.NearestRank(samples, 95));
        Assert.Equal(99, Percentile.NearestRank(samples, 99));
        Assert.Equal(100, Percentile.NearestRank(samples, 100));
        Assert.Equal(1, Percentile.NearestRank(samples, 0));
    }

    [Fact]
    public void NearestRank_TenSamples_P99IsTheMaximum() =>
        Assert.Equal(10, Percentile.NearestRank([.. Enumerable.Range(1, 10).Select(i => (double)i)], 99));
}
