using Perf.Seed;
using Perf.Seed.Cli;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Tests.Seed;

/// <summary>The seeder's flags: presets, ranges, modes, and a clear refusal of anything wrong before a server is touched.</summary>
public sealed class SeedCommandLineTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public async Task Run_Interrupted_NamesTheDatesToResumeWithAfterMidnight()
    {
        // A preset's dates end today (UTC): the same command after midnight names another dataset, so the line names this one's.
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();

        var code = await SeedProgram.RunAsync(["--mysql", "Server=127.0.0.1;Port=1;User ID=perf;Password=perf;Connect Timeout=1", "--from", "2026-01-05", "--to", "2026-03-02"], output, error, interrupted.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Equal(
            "seed: interrupted; whole chunks are kept: rerun the same command to resume, or after UTC midnight add --from 2026-01-05 --to 2026-03-02.",
            error.ToString().TrimEnd());
    }

    [Fact]
    public void Parse_NoFlags_SmallPresetEndingToday()
    {
        var options = SeedCommandLine.ParseOptions([], Today);
        Assert.Equal("small", options.Scale);
        Assert.Equal(1_000_000, options.Trades);
        Assert.Equal(100, options.Profiles);
        Assert.Equal(Today, options.To);
        Assert.Equal(Today.AddDays(-365), options.From);
        Assert.Equal(SeedMode.Replace, options.Mode);
        Assert.Equal([SchemaVariant.Basic, SchemaVariant.Composite, SchemaVariant.Partitioned], options.Variants);
    }

    [Fact]
    public void Parse_PresetAndOverrides_CustomScale()
    {
        var options = SeedCommandLine.ParseOptions(["--preset", "medium", "--trades=20000", "--seed", "9", "--days", "30", "--variants", "partitioned,basic", "--append", "--force"], Today);
        Assert.Equal("custom", options.Scale);
        Assert.Equal(20_000, options.Trades);
        Assert.Equal(200, options.Profiles);
        Assert.Equal(9, options.Seed);
        Assert.Equal(Today.AddDays(-30), options.From);
        Assert.Equal([SchemaVariant.Partitioned, SchemaVariant.Basic], options.Variants);
        Assert.Equal(SeedMode.Append, options.Mode);
        Assert.True(options.Force);
        Assert.Null(options.MaxDiskBytes);
    }

    [Theory]
    [InlineData("20G", 20L << 30)]
    [InlineData("1.5T", 3L << 39)]
    [InlineData("512M", 512L << 20)]
    [InlineData("4096", 4096L)]
    public void Parse_MaxDisk_BytesInPowersOf1024(string size, long bytes) =>
        Assert.Equal(bytes, SeedCommandLine.ParseOptions(["--max-disk", size], Today).MaxDiskBytes);

    [Theory]
    [InlineData("--preset", "huge")]
    [InlineData("--trades", "lots")]
    [InlineData("--trades", "-5")]
    [InlineData("--profiles", "0")]
    [InlineData("--variants", "basic,basic")]
    [InlineData("--variants", "wide")]
    [InlineData("--reset", "--append")]
    [InlineData("--from", "2024-01-01")]
    [InlineData("--from", "2024-02-01", "--to", "2024-01-01")]
    [InlineData("--from", "2024-01-06", "--to", "2024-01-08")]
    [InlineData("--days", "10", "--from", "2024-01-01", "--to", "2024-02-01")]
    [InlineData("--prefix", "Bad-Name")]
    [InlineData("--seed")]
    [InlineData("--whatever")]
    [InlineData("--max-disk", "lots")]
    [InlineData("--max-disk", "-1G")]
    public void Parse_BadFlags_Throw(params string[] args) =>
        Assert.Throws<UsageException>(() => SeedCommandLine.ParseOptions(args, Today));

    [Fact]
    public async Task RunAsync_HealthEveryMinuteOfManyProfiles_UsageErrorNamingTheLimit()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await SeedProgram.RunAsync(["--health-interval", "1", "--profiles", "100000", "--mysql", "Server=127.0.0.1;Port=1"], output, error, TestContext.Current.CancellationToken);

        // 100,000 profiles of up to 4 scripts, 450 samples each: a day of 180M rows, some 18 GB, was generated whole.
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal("seed: error: --health-interval 1 with --profiles 100000 is up to 180,000,000 health rows a trading day (450 samples of up to 4 scripts a profile); a day is generated whole in memory, so at most 8,000,000 a day: raise --health-interval or lower --profiles.", error.ToString().Split(Environment.NewLine)[0]);
        Assert.True(SeedPreset.All.All(p => SeedOptions.FromPreset(p).Validate() is null));
    }

    [Theory]
    [InlineData("--trades", "lots")]
    [InlineData("--trades", "2000000000", "--from", "2024-01-02", "--to", "2024-01-03", "--mysql", "Server=127.0.0.1;Port=1")] // one trading day: a day is generated whole
    [InlineData("--preset", "huge", "--mysql", "Server=127.0.0.1;Port=1")]
    [InlineData("--redis", "127.0.0.1:6379", "--mysql", "Server=127.0.0.1;Port=1")] // the seeder never connects to Redis
    [InlineData("--mysql")]
    public async Task RunAsync_BadFlags_ExitUsageErrorWithMessageAndNoServer(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SeedProgram.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith("seed: ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
