using Perf.Bench.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

public sealed class CommandOptionsTests
{
    [Fact]
    public void SweepOptionsParse_ReaderNumbers_BecomeAssumptions()
    {
        var options = ReportCommand.ParseOptions(["--sizes", "1M,100k", "--variants", "partitioned,basic", "--profiles", "250", "--trades-per-day", "40", "--years", "2", "--start", "2026-03-01", "--capacity", "--mysql", "Server=x"]);

        Assert.Equal([100_000L, 1_000_000], options.Sizes);
        Assert.Equal([SchemaVariant.Basic, SchemaVariant.Partitioned], options.Variants);
        Assert.Equal(10_000, options.Assumptions.RowsPerDay);
        Assert.Equal(new DateOnly(2028, 3, 1), options.Assumptions.EndDate);
        Assert.NotNull(options.Capacity);
        Assert.Equal("Server=x", options.Provisioning.ConnectionString);
    }

    [Fact]
    public void SweepOptionsParse_CacheStates_ColdAndConstrainedWithTheirPool()
    {
        var options = ReportCommand.ParseOptions(["--cache-states", "constrained, cold", "--buffer-pool", "512M"]);

        Assert.Equal([Perf.Analysis.Capacity.CacheState.Cold, Perf.Analysis.Capacity.CacheState.Constrained], options.CacheStates);
        Assert.Equal(512L << 20, options.ConstrainedPoolBytes);
        Assert.Empty(ReportCommand.ParseOptions([]).CacheStates);
    }

    [Theory]
    [InlineData("--sizes", "lots")]
    [InlineData("--variants", "sharded")]
    [InlineData("--unknown", "1")]
    [InlineData("--rounds", "1")]
    [InlineData("--cache-states", "warm")]
    [InlineData("--cache-states", "cold,frozen")]
    [InlineData("--buffer-pool", "8M")]
    [InlineData("--buffer-pool", "lots")]
    public void SweepOptionsParse_BadInput_Throws(string flag, string value) =>
        Assert.Throws<Telemetry.CommandLine.UsageException>(() => ReportCommand.ParseOptions([flag, value]));
}
