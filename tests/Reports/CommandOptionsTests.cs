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

    [Theory]
    [InlineData("--sizes", "lots")]
    [InlineData("--variants", "sharded")]
    [InlineData("--unknown", "1")]
    [InlineData("--rounds", "1")]
    public void SweepOptionsParse_BadInput_Throws(string flag, string value) =>
        Assert.Throws<Telemetry.CommandLine.UsageException>(() => ReportCommand.ParseOptions([flag, value]));
}
