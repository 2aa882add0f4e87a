using Perf.Load.Execution;
using Perf.Load.Measurement;

namespace Perf.Tests.Load;

public sealed class WakeMarginTests
{
    [Fact]
    public void OnTimedWake_PromptWakeUps_KeepTheBaseWindow()
    {
        var margin = Feed(new WakeMargin(), 32, 20);

        Assert.Equal(PreciseClock.SpinWindowTicks, margin.Ticks);
    }

    [Fact]
    public void OnTimedWake_LateWakeUps_WidenTheWindowToTheirLatenessPlusHeadroom()
    {
        var margin = Feed(new WakeMargin(), 32, 400);

        Assert.Equal(Histograms.MicrosToTicks(500), margin.Ticks);
    }

    [Fact]
    public void OnTimedWake_AnOccasionalOutlier_DoesNotMoveIt()
    {
        var margin = new WakeMargin();
        for (var i = 0; i < 32; i++)
        {
            margin.OnTimedWake(Histograms.MicrosToTicks(i % 16 == 0 ? 5000 : 20));
        }

        Assert.Equal(PreciseClock.SpinWindowTicks, margin.Ticks);
    }

    [Fact]
    public void OnTimedWake_VeryLateWakeUps_AreCappedAndForgottenOnceTheHostCalmsDown()
    {
        var margin = Feed(new WakeMargin(), 32, 5000);
        Assert.Equal(Histograms.MicrosToTicks(1000), margin.Ticks);

        Feed(margin, 32, 20);
        Assert.Equal(PreciseClock.SpinWindowTicks, margin.Ticks);
    }

    private static WakeMargin Feed(WakeMargin margin, int count, double lateMicros)
    {
        for (var i = 0; i < count; i++)
        {
            margin.OnTimedWake(Histograms.MicrosToTicks(lateMicros));
        }

        return margin;
    }
}
