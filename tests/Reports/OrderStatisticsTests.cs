using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class OrderStatisticsTests
{
    [Theory]
    [InlineData(50, 6)]
    [InlineData(95, 72)]
    [InlineData(99, 368)]
    public void SamplesNeeded_95Percent_HandComputed(double percentile, int expected) =>
        // n ≥ ln(0.025) / ln(max(p, 1 − p)): 5.3, 71.9 and 367.0.
        Assert.Equal(expected, OrderStatistics.SamplesNeeded(percentile));

    [Theory]
    [InlineData(50, 9)]
    [InlineData(95, 110)]
    [InlineData(99, 555)]
    public void SamplesForInnerInterval_95Percent_NeitherEndIsAnExtremeSample(double percentile, int expected)
    {
        // Checked against exact binomial ranks computed apart: p99's interval is ranks 544–554 of 555, and ends at the
        // 554th of 554 (the slowest) one sample fewer.
        Assert.Equal(expected, OrderStatistics.SamplesForInnerInterval(percentile));
        var fewer = OrderStatistics.Estimate([.. Enumerable.Range(1, expected - 1).Select(i => (double)i)], percentile);
        Assert.True(fewer.Lower == 1 || fewer.Upper == expected - 1, $"{expected - 1} samples: [{fewer.Lower}–{fewer.Upper}]");
    }

    [Fact]
    public void Estimate_MedianOfTen_SecondToNinthWithExactCoverage()
    {
        // Binomial(10, 0.5): P(K ≤ 1) = 11/1024 ≤ 0.025 < P(K ≤ 2); P(K ≤ 8) = 1013/1024 ≥ 0.975 > P(K ≤ 7).
        var samples = Enumerable.Range(1, 10).Select(i => (double)(11 - i)).ToList();

        var median = OrderStatistics.Estimate(samples, 50);

        Assert.True(median.IsBounded);
        Assert.Equal(5, median.Value);
        Assert.Equal(2, median.Lower);
        Assert.Equal(9, median.Upper);
        Assert.Equal((1013 - 11) / 1024.0, median.Coverage, 12);
    }

    [Fact]
    public void Estimate_P99OfThirtySamples_NeedsMoreInsteadOfTheMaximum()
    {
        var samples = Enumerable.Range(1, 30).Select(i => (double)i).ToList();

        var p99 = OrderStatistics.Estimate(samples, 99);

        Assert.False(p99.IsBounded);
        Assert.Null(p99.Value);
        Assert.Equal(368, p99.SamplesNeeded);
        Assert.Equal(30, p99.Samples);
    }

    [Fact]
    public void Estimate_P99OfEnoughSamples_IntervalAroundTheRank()
    {
        var samples = Enumerable.Range(1, 1000).Select(i => (double)i).ToList();

        var p99 = OrderStatistics.Estimate(samples, 99);

        Assert.True(p99.IsBounded);
        Assert.Equal(990, p99.Value);
        Assert.InRange(p99.Lower!.Value, 980, 990);
        Assert.InRange(p99.Upper!.Value, 990, 1000);
        Assert.True(p99.Upper < 1000, "with 1000 samples the p99 interval does not reach the maximum");
        Assert.InRange(p99.Coverage, 0.95, 1);
    }

    /// <summary>In doubles 99.9 / 100 · 4000 is 3996.0000000000005, whose ceiling named the 3,997th sample.</summary>
    [Fact]
    public void Estimate_P999OfFourThousand_IsThe3996thSample()
    {
        var p999 = OrderStatistics.Estimate([.. Enumerable.Range(1, 4000).Select(i => (double)i)], 99.9);

        Assert.True(p999.IsBounded);
        Assert.Equal(3996, p999.Value);
    }

    [Fact]
    public void BinomialCdf_LargeN_EndsAtOne() =>
        Assert.Equal(1, OrderStatistics.BinomialCdf(5000, 0.99)[^1], 9);

    [Fact]
    public void Estimate_TooFewForAnInterval_StillGivesTheOneSidedLowerBound()
    {
        double[] eight = [1, 2, 3, 4, 5, 6, 7, 8];

        // K ~ Binomial(8, 0.95) samples below the p95: P(K ≤ 5) = 0.0058 ≤ 0.025 < P(K ≤ 6) = 0.057, so the 6th smallest.
        var p95 = OrderStatistics.Estimate(eight, 95);
        // Binomial(8, 0.99): P(K ≤ 6) = 0.0027 ≤ 0.025 < P(K ≤ 7) = 0.077, so the 7th.
        var p99 = OrderStatistics.Estimate(eight, 99);

        Assert.False(p95.IsBounded);
        Assert.Equal(6, p95.AtLeast);
        Assert.Equal(7, p99.AtLeast);
        Assert.Null(OrderStatistics.Estimate([1], 95).AtLeast); // P(K ≤ 0) = 0.05 > 0.025
    }

    [Fact]
    public void Estimate_Bounded_LowerBoundIsTheIntervalsLowerEnd()
    {
        var estimate = OrderStatistics.Estimate([.. Enumerable.Range(1, 400).Select(i => (double)i)], 99);

        Assert.True(estimate.IsBounded);
        Assert.Equal(estimate.Lower, estimate.AtLeast);
    }
}
