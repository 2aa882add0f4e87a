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
        // 12 s steps: 5 s steps read the capacity off their slowest request (git history at 03d626c, results/2026-12-05-memory-knee).
        Assert.Equal(TimeSpan.FromSeconds(12), options.Capacity!.StepDuration);
        Assert.Equal("Server=x", options.Provisioning.ConnectionString);
    }

    [Fact]
    public void SweepOptionsParse_CacheStates_ColdAndConstrainedWithTheirPool()
    {
        var options = ReportCommand.ParseOptions(["--cache-states", "constrained, cold", "--buffer-pool", "512M"]);

        Assert.Equal([Perf.Analysis.Capacity.CacheState.Cold, Perf.Analysis.Capacity.CacheState.Constrained], options.CacheStates);
        Assert.Equal([512L << 20], options.ConstrainedPools);
        Assert.Empty(ReportCommand.ParseOptions([]).CacheStates);
    }

    [Fact]
    public void SweepOptionsParse_SeveralPools_EachOnceLargestFirst()
    {
        var options = ReportCommand.ParseOptions(["--cache-states", "constrained", "--buffer-pool", "32M, 256M,32M,1G"]);

        Assert.Equal([1L << 30, 256L << 20, 32L << 20], options.ConstrainedPools);
    }

    [Theory]
    [InlineData("--cache-states constrained --buffer-pool 8M", "below the smallest pool the harness uses")]
    [InlineData("--cache-states constrained --buffer-pool 256M,lots", "'lots' is not a size")]
    [InlineData("--cache-states constrained --buffer-pool ,", "names no size")]
    [InlineData("--cache-states cold --buffer-pool 256M", "give it with --cache-states constrained")]
    public void SweepOptionsParse_BadPools_SaysWhy(string arguments, string message)
    {
        var error = Assert.Throws<Telemetry.CommandLine.UsageException>(() => ReportCommand.ParseOptions(arguments.Split(' ')));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sizes 30M", "--sizes 30m: the seeder refuses its dataset: dates must lie between 2000 and 2100. At --seed-trades-per-day 2000 it spans 21000 days, from 1968-07-04; a larger --seed-trades-per-day shortens the span.")]
    [InlineData("--sizes 100k,3000M --seed-trades-per-day 10000000", "--sizes 3000m: the seeder refuses its dataset: --trades must be between 0 and 2000000000.")]
    public void SweepSeedProblem_ASizeTheSeederRefuses_IsNamedBeforeAnythingRuns(string arguments, string message)
    {
        var problem = CapacitySweep.SeedProblem(ReportCommand.ParseOptions(arguments.Split(' ')));

        Assert.StartsWith(message, problem, StringComparison.Ordinal);
        Assert.Null(CapacitySweep.SeedProblem(ReportCommand.ParseOptions(["--sizes", "30M", "--seed-trades-per-day", "5000"])));
    }

    [Theory]
    [InlineData("--sizes", "lots")]
    [InlineData("--variants", "sharded")]
    [InlineData("--unknown", "1")]
    [InlineData("--rounds", "1")]
    [InlineData("--cache-states", "warm")]
    [InlineData("--cache-states", "cold,frozen")]
    public void SweepOptionsParse_BadInput_Throws(string flag, string value) =>
        Assert.Throws<Telemetry.CommandLine.UsageException>(() => ReportCommand.ParseOptions([flag, value]));
}
