using Perf.Load.Execution;

namespace Perf.Tests.Load;

public sealed class ValidityCriteriaTests
{
    /// <summary>A Poisson schedule at 20/s for 30 s that drew 560 arrivals, all sent on time: 18.7/s is under 95 % of the mean rate, not of the schedule.</summary>
    [Fact]
    public void RateShortfall_PoissonDrawBelowTheMean_EverySentIsNoShortfall()
    {
        var shortfall = ValidityCriteria.Default.RateShortfall(sent: 560, measuredSeconds: 30, scheduled: 560, TimeSpan.FromSeconds(30));

        Assert.Null(shortfall);
    }

    [Fact]
    public void RateShortfall_SentFewerThanScheduled_NamesTheSchedulesRate()
    {
        var shortfall = ValidityCriteria.Default.RateShortfall(sent: 500, measuredSeconds: 30, scheduled: 560, TimeSpan.FromSeconds(30));

        Assert.Equal("achieved rate 16.7/s is below 95 % of the schedule's 18.7/s (560 arrivals in 30 s).", shortfall);
    }

    [Fact]
    public void RateShortfall_JustUnderTheLeastRate_PrintedUnderIt()
    {
        // 94.96/s against the least 95/s (95 % of 100/s): one decimal printed it "95/s is below 95 % of … 100/s".
        var shortfall = ValidityCriteria.Default.RateShortfall(sent: 9_496, measuredSeconds: 100, scheduled: 10_000, TimeSpan.FromSeconds(100));

        Assert.Equal("achieved rate 94.96/s is below 95 % of the schedule's 100/s (10000 arrivals in 100 s).", shortfall);
    }

    /// <summary>Sends that ran late stretch the measured time, and the rate falls short although every arrival was sent.</summary>
    [Fact]
    public void RateShortfall_AllSentOverALongerTime_IsAShortfall()
    {
        var shortfall = ValidityCriteria.Default.RateShortfall(sent: 600, measuredSeconds: 40, scheduled: 600, TimeSpan.FromSeconds(30));

        Assert.NotNull(shortfall);
    }
}
