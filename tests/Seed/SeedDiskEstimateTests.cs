using Perf.Seed;
using Telemetry.Data.Schema;

namespace Perf.Tests.Seed;

public sealed class SeedDiskEstimateTests
{
    private static readonly SeedOptions Options = new() { Profiles = 5, From = new DateOnly(2026, 1, 5), To = new DateOnly(2026, 3, 2), Trades = 20_000 };

    [Fact]
    public void Bytes_EveryVariantListed_CountsOnce_ACopyListedTwiceCountsTwice()
    {
        var composite = SeedDiskEstimate.Bytes(Options with { Variants = [SchemaVariant.Composite] });
        var basic = SeedDiskEstimate.Bytes(Options with { Variants = [SchemaVariant.Basic] });

        Assert.True(composite > basic, $"composite {composite} bytes, basic {basic}");
        Assert.Equal(basic + composite, SeedDiskEstimate.Bytes(Options with { Variants = [SchemaVariant.Basic, SchemaVariant.Composite] }));
        // The A/A check's copy is a second database of the same variant.
        Assert.Equal(2 * composite, SeedDiskEstimate.Bytes(Options with { Variants = [SchemaVariant.Composite, SchemaVariant.Composite] }));
    }
}
