using System.Globalization;
using Telemetry.CommandLine;
using Telemetry.Jobs;

namespace Perf.Tests.Lifecycle;

public sealed class JobArgumentsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Parse_ArchiveWithOptions_ReadsEverything()
    {
        var arguments = JobsCommandLine.Parse(
            ["archive", "--mysql", "Server=x", "--now=2026-02-01T00:00:00Z", "--dry-run", "--trades-retention", "6mo", "--chunk-size", "100", "--pause-ms", "0"],
            NoEnvironment);

        Assert.Equal(JobKind.Archive, arguments.Job);
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), arguments.Now);
        Assert.True(arguments.Retention.DryRun);
        Assert.Equal("6mo", arguments.Policy.Trades.ToString());
        Assert.Equal("730d", arguments.Policy.Metrics.ToString());
        Assert.Equal(100, arguments.Retention.ChunkSize);
        Assert.Equal(TimeSpan.Zero, arguments.Retention.Pause);
    }

    [Theory]
    [InlineData("2026-04-03", "2026-04-03T00:00:00")]
    [InlineData("2026-04-03T12:00:00+02:00", "2026-04-03T10:00:00")]
    [InlineData("2026-04-03 12:00", "2026-04-03T12:00:00")]
    public void Parse_NowIso_ReadsUtc(string value, string expected)
    {
        var arguments = JobsCommandLine.Parse(["archive", "--mysql", "Server=x", "--now", value], NoEnvironment);

        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(expected, CultureInfo.InvariantCulture), DateTimeKind.Utc), arguments.Now);
    }

    [Fact]
    public void Parse_NoMySqlFlag_ReadsEnvironment()
    {
        var arguments = JobsCommandLine.Parse(["analyze"], name => name == "PERF_MYSQL" ? "Server=env" : null);

        Assert.Equal("Server=env", arguments.ConnectionString);
    }

    [Theory]
    [InlineData("--trades-retention", "0d", "trades retention")]
    [InlineData("--health-retention", "soon", "health retention")]
    [InlineData("--chunk-size", "0", "--chunk-size '0' must be a whole number from 1 to 100000")]
    [InlineData("--schedule", "archive=61 * * * *", "Invalid cron expression")]
    [InlineData("--schedule", "rollup-hourly=every hour", "Invalid cron expression")]
    [InlineData("--schedule", "nightly=0 3 * * *", "must be <job>=<cron>")]
    [InlineData("--now", "yesterday", "ISO 8601")]
    [InlineData("--now", "04/03/2026", "ISO 8601")]
    [InlineData("--now", "12:00", "ISO 8601")]
    [InlineData("--now", "3 April 2026", "ISO 8601")]
    [InlineData("--now", "0001-01-01", "out of range")]
    [InlineData("--warm-profiles", "1,0", "--warm-profiles '0' must be a whole number from 1")]
    [InlineData("--warm-profiles", "-2", "--warm-profiles '-2' must be a whole number from 1")]
    // Warmed nothing and exited 0.
    [InlineData("--warm-profiles", ",,", "--warm-profiles ',,' names no profile")]
    [InlineData("--warm-profiles", "", "--warm-profiles '' names no profile")]
    public void Parse_BadValue_ThrowsUsageNamingIt(string option, string value, string expected)
    {
        var error = Assert.Throws<UsageException>(() => JobsCommandLine.Parse(["worker", "--mysql", "Server=x", option, value], NoEnvironment));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("rollup-hourly")]
    [InlineData("analyze")]
    [InlineData("worker")]
    public void Parse_DryRunOnAJobWithoutOne_ThrowsUsage(string command)
    {
        var error = Assert.Throws<UsageException>(() => JobsCommandLine.Parse([command, "--mysql", "Server=x", "--dry-run"], NoEnvironment));

        Assert.Contains("--dry-run is for archive and maintain-partitions only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NumberGivenTwice_LastWins()
    {
        var arguments = JobsCommandLine.Parse(["archive", "--mysql", "Server=x", "--pause-ms", "15", "--pause-ms", "500"], NoEnvironment);

        Assert.Equal(TimeSpan.FromMilliseconds(500), arguments.Retention.Pause);
    }

    [Fact]
    public void Parse_NoDatabase_ThrowsUsage()
    {
        var error = Assert.Throws<UsageException>(() => JobsCommandLine.Parse(["archive"], NoEnvironment));

        Assert.Contains("PERF_MYSQL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Worker_HasEveryDefaultScheduleAndOverrides()
    {
        var arguments = JobsCommandLine.Parse(["worker", "--mysql", "Server=x", "--schedule", "analyze=off", "--schedule", "archive=0 4 1 * *"], NoEnvironment);

        Assert.DoesNotContain(arguments.Schedules, s => s.Job == JobKind.Analyze);
        var archive = Assert.Single(arguments.Schedules, s => s.Job == JobKind.Archive);
        Assert.Equal(new DateTime(2026, 3, 1, 4, 0, 0, DateTimeKind.Utc), archive.Next(new DateTime(2026, 2, 1, 4, 0, 0, DateTimeKind.Utc)));
        var slow = Assert.Single(arguments.Schedules, s => s.Job == JobKind.WatchSlowQueries);
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 2, DateTimeKind.Utc), slow.Next(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Parse_Worker_DefaultSchedulesAreTheStrategys()
    {
        var arguments = JobsCommandLine.Parse(["worker", "--mysql", "Server=x"], NoEnvironment);
        var start = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);

        // "aggregate_daily_metrics: Run daily at 1 AM"; archival "0 2 1 * *" (monthly).
        Assert.Equal(start.AddHours(1), Assert.Single(arguments.Schedules, s => s.Job == JobKind.RollupDaily).Next(start));
        Assert.Equal(start.AddHours(2), Assert.Single(arguments.Schedules, s => s.Job == JobKind.Archive).Next(start));
        Assert.Equal(start.AddMonths(1).AddHours(2), Assert.Single(arguments.Schedules, s => s.Job == JobKind.Archive).Next(start.AddHours(2)));
    }

    [Theory]
    [InlineData("archive", "--trades-retention", "0y")]
    [InlineData("worker", "--schedule", "rollup-daily=99 99 * * *")]
    public async Task Cli_BadInput_ExitsWithUsageErrorBeforeTouchingTheDatabase(string command, string option, string value)
    {
        // An unreachable server: the usage exit code and the message prove validation ran before any connection.
        var (exitCode, _, error) = await JobsProcess.RunAsync([command, "--mysql", "Server=127.0.0.1;Port=1;Connect Timeout=1", option, value]);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("error:", error, StringComparison.Ordinal);
    }
}
