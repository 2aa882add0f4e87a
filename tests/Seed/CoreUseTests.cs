using Perf.Harness.Results;
using Perf.Seed;

namespace Perf.Tests.Seed;

/// <summary>A stretch of a seed in cores: the machine's CPU times split by kind over its cores, and the two processes' CPU seconds over the stretch's length.</summary>
public sealed class CoreUseTests
{
    private static readonly DateTime At = new(2026, 12, 7, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Between_TwoReadings_EachKindAsCores()
    {
        // 10 s on 2 cores, 2,000 ticks: 1,500 busy, 300 waiting on I/O, 100 stolen, 100 idle.
        var from = new CpuTimes(At, Busy: 10_000, IoWait: 1_000, Steal: 50, Total: 20_000);
        var to = new CpuTimes(At.AddSeconds(10), Busy: 11_500, IoWait: 1_300, Steal: 150, Total: 22_000);

        var stretch = CoreUse.Between(from, to, startSeconds: 40, seconds: 10, cores: 2, serverFrom: 100, serverTo: 112.5, seederFrom: 3, seederTo: 5);

        Assert.Equal(new CoreUse(40, 10, Busy: 1.5, IoWait: 0.3, Idle: 0.1, Steal: 0.1, Server: 1.25, Seeder: 0.2), stretch);
    }

    [Fact]
    public void Between_ServerNotFoundAtTheStart_NoServerShare()
    {
        var from = new CpuTimes(At, 0, 0, 0, 0);
        var to = new CpuTimes(At.AddSeconds(10), 1_000, 0, 0, 2_000);

        Assert.Null(CoreUse.Between(from, to, 0, 10, 2, serverFrom: null, serverTo: 4, seederFrom: 0, seederTo: 1)!.Server);
    }

    [Fact]
    public void Between_NoTimeBetween_Null()
    {
        var reading = new CpuTimes(At, 1_000, 0, 0, 2_000);

        Assert.Null(CoreUse.Between(reading, reading, 0, 0, 2, 1, 1, 1, 1));
    }
}
