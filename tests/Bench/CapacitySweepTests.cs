using Perf.Bench.Capacity;
using Perf.Harness.Results;

namespace Perf.Tests.Bench;

public sealed class CapacitySweepTests
{
    [Fact]
    public void RecordDataset_EverySize_KeepsEachSizesSeedAndChecksumInTheProvenance()
    {
        var manifest = RunManifest.Create("report");

        CapacitySweep.RecordDataset(manifest, new DatasetInfo(42, "sweep-300k", new Dictionary<string, long> { ["dd_trade_performance"] = 300_000 }, "aaa111"));
        CapacitySweep.RecordDataset(manifest, new DatasetInfo(42, "sweep-1m", new Dictionary<string, long> { ["dd_trade_performance"] = 1_000_000 }, "bbb222"));

        // The manifest's one dataset is the last size's; the sizes before it stay in its parameters.
        Assert.Equal("bbb222", manifest.Dataset!.Checksum);
        Assert.Equal("sweep-300k seed 42 checksum aaa111, rows dd_trade_performance 300000", manifest.Parameters["dataset.sweep-300k"]);
        Assert.Equal("sweep-1m seed 42 checksum bbb222, rows dd_trade_performance 1000000", manifest.Parameters["dataset.sweep-1m"]);
    }
}
