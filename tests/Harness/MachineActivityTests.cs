using Perf.Harness.Reports;
using Perf.Harness.Results;

namespace Perf.Tests.Harness;

/// <summary>What the manifest says of the machine's activity during a run.</summary>
public sealed class MachineActivityTests
{
    [Fact]
    public void Parse_AggregateLine_SplitsBusyIoWaitAndSteal()
    {
        var times = CpuTimes.Parse("cpu  100 20 30 800 5 1 2 42 0 0");

        Assert.NotNull(times);
        Assert.Equal(153, times.Busy);
        Assert.Equal(5, times.IoWait);
        Assert.Equal(42, times.Steal);
        Assert.Equal(1000, times.Total);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]
    [InlineData("cpu  1 2 3")]
    [InlineData("cpu  a b c d e f g h")]
    public void Parse_NotTheAggregateLine_IsNull(string? line) => Assert.Null(CpuTimes.Parse(line));

    [Fact]
    public void EndingTheRun_RecordsActivityInTheManifestAndItsProvenance()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("/proc/stat is Linux only");
        }

        var manifest = RunManifest.Create("unit-test");
        Assert.Null(manifest.Activity);

        // Burn a little CPU so the interval has ticks in it.
        var until = DateTime.UtcNow.AddMilliseconds(300);
        var spins = 0L;
        while (DateTime.UtcNow < until)
        {
            spins++;
        }

        manifest.EndedUtc = DateTime.UtcNow;

        var activity = Assert.IsType<MachineActivity>(manifest.Activity);
        Assert.InRange(activity.BusyPercent, 0.1, 100);
        Assert.InRange(activity.StealPercent, 0, 100);
        var provenance = MarkdownRenderer.Render(ProvenanceBlock.Table(manifest));
        Assert.Contains("| Machine activity | CPU ", provenance, StringComparison.Ordinal);
        var yardstick = Assert.IsType<CpuYardstick>(manifest.Yardstick);
        Assert.InRange(yardstick.AtStartMs, 0.01, 10_000);
        Assert.NotNull(yardstick.AtEndMs);
        Assert.Contains("| CPU yardstick | ", provenance, StringComparison.Ordinal);
    }
}
