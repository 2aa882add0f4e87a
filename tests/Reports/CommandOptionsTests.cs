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
    [InlineData("--sizes 30M --seed-trades-per-day 2000", "--sizes 30m: the seeder refuses its dataset: dates must lie between 2000 and 2100. At 2000 trades per trading day over 100 profiles (--seed-trades-per-day, --seed-profiles; by default your --profiles × --trades-per-day) it spans 21000 days, from 1968-07-04; a larger --seed-trades-per-day shortens the span.")]
    // 10 profiles adding 1 trade a day each: 14 a trading day by default, so 30M trades would reach back to 1961.
    [InlineData("--sizes 10k,30M --profiles 10 --trades-per-day 1", "--sizes 30m: the seeder refuses its dataset: dates must lie between 2000 and 2100. At 14 trades per trading day over 10 profiles")]
    // 1.5 billion trades at 1 a trading day: a span longer than the calendar, named, not a crash.
    [InlineData("--sizes 1500m --seed-trades-per-day 1", "--sizes 1500m: the seeder refuses its dataset: dates must lie between 2000 and 2100. At 1 trades per trading day over 100 profiles (--seed-trades-per-day, --seed-profiles; by default your --profiles × --trades-per-day) it spans 2100000000 days, from before year 1; a larger")]
    [InlineData("--sizes 100k,3000M --seed-trades-per-day 10000000", "--sizes 3000m: the seeder refuses its dataset: --trades must be between 0 and 2000000000.")]
    public void SweepSeedProblem_ASizeTheSeederRefuses_IsNamedBeforeAnythingRuns(string arguments, string message)
    {
        var problem = CapacitySweep.SeedProblem(ReportCommand.ParseOptions(arguments.Split(' ')));

        Assert.StartsWith(message, problem, StringComparison.Ordinal);
        Assert.Null(CapacitySweep.SeedProblem(ReportCommand.ParseOptions(["--sizes", "30M", "--seed-trades-per-day", "5000"])));
    }

    [Theory]
    // The reader's 100 profiles × 50 trades a calendar day are 7,000 trades a trading day.
    [InlineData("", 100, 7_000)]
    [InlineData("--profiles 400 --trades-per-day 80", 400, 44_800)]
    [InlineData("--seed-profiles 5", 5, 350)]
    [InlineData("--profiles 400 --seed-trades-per-day 2000", 400, 2_000)]
    // A reader who adds no trades still gets a span: 40 trades per profile per trading day.
    [InlineData("--trades-per-day 0", 100, 4_000)]
    [InlineData("--profiles 5000000 --trades-per-day 0.01", 100_000, 1_400)]
    public void SweepOptionsParse_SeedShape_FollowsTheReaderUnlessGiven(string arguments, int profiles, int tradesPerTradingDay)
    {
        var options = ReportCommand.ParseOptions(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal((profiles, tradesPerTradingDay), (options.SeedProfiles, options.SeedTradesPerDay));
    }

    [Theory]
    [InlineData("")] // the default sweep for the default reader
    [InlineData("--sizes 50k,100k,200k")] // ./perf run's
    [InlineData("--sizes 1M,2M,5M,10M --profiles 400 --trades-per-day 80")] // the README's sweep for your numbers
    [InlineData("--sizes 20k,40k --profiles 10 --trades-per-day 500")]
    public void SweepSeedShape_ByDefault_OneProfileHoldsWhatOneOfTheReadersDoes(string arguments)
    {
        var options = ReportCommand.ParseOptions(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var data = Perf.Tests.Reports.SampleCapacityData.Create() with { SeedProfiles = options.SeedProfiles, SeedTradesPerProfilePerDay = CapacitySweep.SeedTradesPerProfilePerDay(options) };

        var shape = Perf.Analysis.Capacity.PlannerSummary.ProfileShape(data, options.Assumptions)!;

        Assert.Contains("Within 1.25× either way: the sizes stand for your profiles too.", shape, StringComparison.Ordinal);
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
