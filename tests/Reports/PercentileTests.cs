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

    [Theory]
    [InlineData(99.9, 1000, 999)]
    [InlineData(99.9, 4000, 3996)]
    [InlineData(99, 660, 654)]
    [InlineData(95, 100, 95)]
    [InlineData(0, 10, 1)]
    [InlineData(100, 10, 10)]
    public void Rank_IsTheCeilingOfTheExactProduct(double percentile, long count, long expected) =>
        Assert.Equal(expected, Percentile.Rank(percentile, count));

    [Fact]
    public void NearestRank_P999OfThousand_IsThe999thNotTheMaximum() =>
        Assert.Equal(999, Percentile.NearestRank([.. Enumerable.Range(1, 1000).Select(i => (double)i)], 99.9));
}
