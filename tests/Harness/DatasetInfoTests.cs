using Perf.Harness.Results;

namespace Perf.Tests.Harness;

public sealed class DatasetInfoTests
{
    private static readonly DatasetInfo Full = new(42, "small", new Dictionary<string, long> { ["dd_trade_performance"] = 1_000, ["dd_system_health"] = 50, ["dd_telemetry_metrics"] = 700 }, "c7f24a63d0d7bac97074ae0f08be7bc3");

    [Fact]
    public void ContentIdentity_SameDataSameName_OtherRowsAnother()
    {
        // The checksum covers trades and health only: a seed without metric windows has the same one.
        var noMetrics = Full with { RowCounts = new Dictionary<string, long>(Full.RowCounts) { ["dd_telemetry_metrics"] = 0 } };
        var reordered = Full with { RowCounts = Full.RowCounts.Reverse().ToDictionary() };

        Assert.Matches("^[0-9a-f]{16}$", Full.ContentIdentity);
        Assert.Equal(Full.ContentIdentity, reordered.ContentIdentity);
        Assert.NotEqual(Full.ContentIdentity, noMetrics.ContentIdentity);
        Assert.NotEqual(Full.ContentIdentity, (Full with { Checksum = "0" + Full.Checksum![1..] }).ContentIdentity);
        Assert.Null((Full with { Checksum = null }).ContentIdentity);
    }
}
