using Perf.Load.Execution;
using Perf.Load.Measurement;

namespace Perf.Tests.Load;

public sealed class PreciseClockTests
{
    [Fact]
    public void WakeMargin_SixteenWakeUps_NinetiethPercentilePlusHeadroomIgnoringOneOutlier()
    {
        var margin = new PreciseClock.WakeMargin();
        var initial = margin.Ticks;

        // Fifteen wake-ups 50 µs late leave the initial margin; the sixteenth, 300 µs late, is above the 90th percentile.
        for (var i = 0; i < 15; i++)
        {
            margin.Record(Histograms.MicrosToTicks(50));
        }

        Assert.Equal(initial, margin.Ticks);
        margin.Record(Histograms.MicrosToTicks(300));
        Assert.Equal(Histograms.MicrosToTicks(50 + 10), margin.Ticks);
    }

    [Theory]
    [InlineData(-5, 20)]
    [InlineData(0, 20)]
    [InlineData(1_000_000, 2000)]
    public void WakeMargin_Extremes_ClampedBetween20MicrosecondsAnd2Milliseconds(long oversleepMicros, long expectedMicros)
    {
        var margin = new PreciseClock.WakeMargin();

        for (var i = 0; i < 64; i++)
        {
            margin.Record(Histograms.MicrosToTicks(oversleepMicros));
        }

        Assert.Equal(Histograms.MicrosToTicks(expectedMicros), margin.Ticks);
    }

    [Fact]
    public void WaitUntil_ShortDeadline_ReturnsAtOrAfterIt()
    {
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + Histograms.MicrosToTicks(3000);

        PreciseClock.WaitUntil(deadline, TestContext.Current.CancellationToken);

        Assert.True(System.Diagnostics.Stopwatch.GetTimestamp() >= deadline);
    }
}
