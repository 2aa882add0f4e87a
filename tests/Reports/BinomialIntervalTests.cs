using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class BinomialIntervalTests
{
    [Theory]
    // Clopper–Pearson ends, computed apart by bisecting the binomial CDF (P(K ≤ k) = 0.025 at the upper end, P(K ≥ k) =
    // 0.025 at the lower): 0 of 600 [0, 0.0061293]; 5 of 1000 [0.0016254, 0.0116295] (R's binom.test: 0.001624, 0.011629).
    [InlineData(0, 600, 0, 0.0061293)]
    [InlineData(5, 1000, 0.0016254, 0.0116295)]
    [InlineData(3, 600, 0.0010323, 0.0145420)]
    [InlineData(600, 600, 0.9938707, 1)]
    public void Of_KnownCounts_ExactEnds(long events, long trials, double lower, double upper)
    {
        var interval = BinomialInterval.Of(events, trials);

        Assert.Equal(lower, interval.Lower, 1e-7);
        Assert.Equal(upper, interval.Upper, 1e-7);
    }

    [Theory]
    [InlineData(0.01, 368)]
    [InlineData(0.001, 3688)]
    [InlineData(0.05, 72)]
    [InlineData(1, 1)]
    public void TrialsNeeded_NoEvents_FewestThatEndUnderTheLimit(double limit, long expected)
    {
        // 1 − 0.025^(1/n) < limit: n > ln 0.025 / ln(1 − limit), 367.03 for 1 %, 3,687.04 for 0.1 %.
        Assert.Equal(expected, BinomialInterval.TrialsNeeded(limit));
        Assert.True(BinomialInterval.Of(0, expected).Upper < limit);
        Assert.True(expected == 1 || BinomialInterval.Of(0, expected - 1).Upper >= limit);
    }

    [Fact]
    public void TrialsNeeded_OnePercent_IsWhatAP99Needs()
    {
        // The same binomial question: no failure in n, like no sample above the p99 in n.
        Assert.Equal(OrderStatistics.SamplesNeeded(99), BinomialInterval.TrialsNeeded(0.01));
    }

    [Theory]
    [InlineData(50, 0.02)]
    [InlineData(200, 0.005)]
    [InlineData(30, 0.3)]
    public void Of_EveryOutcome_CoversTheTrueRateAtLeastNinetyFivePercentOfTheTime(int trials, double rate)
    {
        // The chance, over every count the binomial can give, that the interval holds the rate that drew it.
        var cdf = OrderStatistics.BinomialCdf(trials, rate);
        var coverage = Enumerable.Range(0, trials + 1)
            .Where(k => BinomialInterval.Of(k, trials) is var i && i.Lower <= rate && rate <= i.Upper)
            .Sum(k => cdf[k] - (k == 0 ? 0 : cdf[k - 1]));

        Assert.InRange(coverage, 0.95, 1);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    public void Of_ImpossibleCounts_Throw(long events, long trials) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Of(events, trials));
}
