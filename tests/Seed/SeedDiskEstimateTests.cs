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

    [Theory]
    // Replacing: the database's 9 GB (the dataset it replaces, or this one's part a killed run wrote) and 1 GB aside are freed.
    [InlineData("Fresh", SeedMode.Replace, 0L)]
    [InlineData("InterruptedLoad", SeedMode.Replace, 0L)]
    // Appending keeps every earlier dataset: an interrupted append resumed frees none of the database's 9 GB (it freed them all).
    [InlineData("AppendNew", SeedMode.Append, 9L)]
    [InlineData("InterruptedLoad", SeedMode.Append, 9L)]
    [InlineData("InterruptedCopy", SeedMode.Append, 9L)]
    public void NeededBeyondFreed_AppendingFreesNothingInTheDatabase(string status, SeedMode mode, long neededGb)
    {
        const long Gb = 1L << 30;

        Assert.Equal(neededGb * Gb, DatasetSeeder.NeededBeyondFreed(10 * Gb, Enum.Parse<VariantStatus>(status), mode, databaseBytes: 9 * Gb, asideBytes: 1 * Gb));
    }
}
