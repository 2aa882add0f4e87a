using System.Globalization;
using Dapper;
using Perf.Tests.Infrastructure;
using Telemetry.CommandLine;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Tests.Lifecycle;

/// <summary>The one-shot commands as cron would run them: real process, exit codes, printed reports.</summary>
public sealed class JobsCliTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task Archive_DryRun_PrintsWhatWouldMoveAndChangesNothing()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        await db.FillAsync(800);
        var before = await db.FingerprintAsync(TelemetryTable.Trades);
        // The fingerprint sees trades wherever they are; health rows deleted or metric windows archived need their own counts.
        TelemetryTable[] others = [TelemetryTable.Health, TelemetryTable.Metrics, TelemetryTable.MetricsArchive];
        var othersBefore = await Task.WhenAll(others.Select(db.CountIfExistsAsync));
        Assert.All(othersBefore[..2], count => Assert.True(count > 0));
        var now = LifecycleDatabase.Now.ToString("O", CultureInfo.InvariantCulture);

        var (exitCode, output, error) = await JobsProcess.RunAsync(
            ["archive", "--dry-run", "--now", now, "--trades-retention", "90d", "--metrics-retention", "60d", "--health-retention", "10d"], db.ConnectionString);

        Assert.True(exitCode == 0, error);
        Assert.Contains("dd_trade_performance: would archive", output, StringComparison.Ordinal);
        Assert.Contains("partition p2025_09:", output, StringComparison.Ordinal);
        Assert.Contains("dd_system_health: would delete", output, StringComparison.Ordinal);
        Assert.Equal(before, await db.FingerprintAsync(TelemetryTable.Trades));
        Assert.Equal(0, await db.CountIfExistsAsync(TelemetryTable.TradesArchive));
        Assert.Equal(othersBefore, await Task.WhenAll(others.Select(db.CountIfExistsAsync)));
    }

    // A --now in the pinned past on every valid line, so a job that ran anyway would roll up or archive the rows below.
    [Theory]
    [InlineData("error: --dry-run", "rollup-hourly", "--dry-run")]
    [InlineData("error: --dry-run", "rollup-daily", "--dry-run")]
    [InlineData("error: --dry-run", "monitor", "--dry-run")]
    [InlineData("error: --dry-run", "worker", "--dry-run")]
    [InlineData("error: --now '04/03/2026' is not an ISO 8601", "archive", "--now", "04/03/2026", "--trades-retention", "1d")]
    [InlineData("error: --now '12:00' is not an ISO 8601", "archive", "--now", "12:00", "--trades-retention", "1d")]
    public async Task UsageError_OneLineRefusedAndChangesNothing(string expected, params string[] args)
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);
        await db.InsertTradeAsync(1, LifecycleDatabase.Now.AddHours(-3));
        await db.InsertTradeAsync(2, LifecycleDatabase.Now.AddYears(-3));
        var tables = await TableNamesAsync(db);
        string[] clock = args.Contains("--now") ? [] : ["--now", LifecycleDatabase.Now.ToString("O", CultureInfo.InvariantCulture)];

        var (exitCode, output, error) = await JobsProcess.RunAsync([.. args, .. clock], db.ConnectionString);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(expected, error.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Equal(tables, await TableNamesAsync(db));
        Assert.Equal(0, await db.CountIfExistsAsync(TelemetryTable.Metrics));
        Assert.Equal(0, await db.CountIfExistsAsync(TelemetryTable.TradesArchive));
    }

    [Fact]
    public async Task RollupHourly_MetricsKeptShorterThanTrades_ArchivedWindowsStayArchivedAndArchivalReruns()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);
        await db.FillAsync(2000);
        string[] clock = ["--now", LifecycleDatabase.Now.ToString("O", CultureInfo.InvariantCulture), "--trades-retention", "150d", "--metrics-retention", "60d", "--health-retention", "10d", "--pause-ms", "0"];
        var metricCutoff = RetentionPolicy.Parse("150d", "60d", "10d").Metrics.CutoffBefore(LifecycleDatabase.Now);
        var first = await JobsProcess.RunAsync(["archive", .. clock], db.ConnectionString);
        Assert.True(first.ExitCode == 0, first.Error);
        var metrics = await db.FingerprintAsync(TelemetryTable.Metrics);

        // The first incremental run scans every trade, those of the 90 days between the two cutoffs included.
        var rollup = await JobsProcess.RunAsync(["rollup-hourly", .. clock], db.ConnectionString);
        var again = await JobsProcess.RunAsync(["archive", .. clock], db.ConnectionString);

        Assert.True(rollup.ExitCode == 0, rollup.Error);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Metrics, metricCutoff)).Before);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(metrics, await db.FingerprintAsync(TelemetryTable.Metrics));
    }

    /// <summary>
    /// rollup-daily rewrote yesterday from the raw rows retention had left (a smaller day), and the month window the
    /// metrics archive already held (from the daily windows left live: smaller too), which the next archival then found twice.
    /// </summary>
    [Fact]
    public async Task RollupDaily_WindowsRetentionReached_LeftAloneAndArchivalReruns()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);
        await db.FillAsync(2000);
        // Noon: the trades' cutoff falls on yesterday's noon, and the metrics' 14 days reach into this month, not this week.
        var now = LifecycleDatabase.Now.AddHours(12);
        string[] clock = ["--now", now.ToString("O", CultureInfo.InvariantCulture), "--trades-retention", "1d", "--metrics-retention", "14d", "--health-retention", "10d", "--pause-ms", "0"];
        var policy = RetentionPolicy.Parse("1d", "14d", "10d");
        var first = await JobsProcess.RunAsync(["archive", .. clock], db.ConnectionString);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True((await db.SplitAsync(TelemetryTable.TradesArchive, policy.Trades.CutoffBefore(now))).Before > 0);
        var metrics = await db.FingerprintAsync(TelemetryTable.Metrics);

        var rollup = await JobsProcess.RunAsync(["rollup-daily", .. clock], db.ConnectionString);
        var again = await JobsProcess.RunAsync(["archive", .. clock], db.ConnectionString);

        Assert.True(rollup.ExitCode == 0, rollup.Error);
        Assert.Contains("trades: recomputed 24 hourly, 1 daily, 1 weekly, 0 monthly windows", rollup.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Metrics, policy.Metrics.CutoffBefore(now))).Before);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(metrics, await db.FingerprintAsync(TelemetryTable.Metrics));
    }

    /// <summary>
    /// A backfill's <c>--now</c> in the past took its cutoffs there, before what a real <c>archive</c> had moved, and
    /// rewrote the day that archive cut through from the raw rows it left (a smaller day, week and month).
    /// </summary>
    [Theory]
    [InlineData("rollup-hourly")]
    [InlineData("rollup-daily")]
    public async Task Rollup_BackfillBeforeAnArchiveRan_LeavesArchivedWindowsAlone(string job)
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);
        await db.FillAsync(2000);
        // Noon: the real run's cutoff cuts its day in two, half archived and half live.
        var now = LifecycleDatabase.Now.AddHours(12);
        var cutoff = RetentionPolicy.Parse("90d", null, null).Trades.CutoffBefore(now);
        string[] retention = ["--trades-retention", "90d", "--health-retention", "10d", "--pause-ms", "0"];
        var archive = await JobsProcess.RunAsync(["archive", "--now", now.ToString("O", CultureInfo.InvariantCulture), .. retention], db.ConnectionString);
        Assert.True(archive.ExitCode == 0, archive.Error);
        Assert.True((await db.SplitAsync(TelemetryTable.TradesArchive, cutoff)).Before > 0);
        var metrics = await db.FingerprintAsync(TelemetryTable.Metrics);

        // As of the cutoff's own noon: the job's cutoff is 90 days earlier still, and rollup-daily's yesterday and today hold the cut day.
        var backfill = await JobsProcess.RunAsync([job, "--now", cutoff.ToString("O", CultureInfo.InvariantCulture), .. retention], db.ConnectionString);

        Assert.True(backfill.ExitCode == 0, backfill.Error);
        Assert.Equal(metrics, await db.FingerprintAsync(TelemetryTable.Metrics));
        Assert.Contains($"before {cutoff.Date.AddDays(1):yyyy-MM-dd} 00:00 alone: retention has archived", backfill.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaintainPartitions_ThenAnalyze_ExitZeroWithReports()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        var now = LifecycleDatabase.Now.ToString("O", CultureInfo.InvariantCulture);

        var maintain = await JobsProcess.RunAsync(["maintain-partitions", "--now", now, "--months-ahead", "4"], db.ConnectionString);
        var analyze = await JobsProcess.RunAsync(["analyze"], db.ConnectionString);

        Assert.True(maintain.ExitCode == 0, maintain.Error);
        Assert.Contains("dd_trade_performance_archive: added p2026_06, p2026_07", maintain.Output, StringComparison.Ordinal);
        Assert.True(analyze.ExitCode == 0, analyze.Error);
        Assert.Contains("dd_trade_performance: status: OK", analyze.Output, StringComparison.Ordinal);
    }

    private static async Task<List<string>> TableNamesAsync(LifecycleDatabase db)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")).AsList();
    }
}
