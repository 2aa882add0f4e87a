using Dapper;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Tests.Lifecycle;

public sealed class MonitoringTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task CheckAsync_PartitionedSchema_ReportsSizesPerPartitionAndGrowth()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        await db.FillAsync(500);
        var monitor = new DatabaseMonitor(db.DataSource, new MonitorThresholds());
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var first = await monitor.CheckAsync(now, TestContext.Current.CancellationToken);
        var second = await monitor.CheckAsync(now.AddDays(1), TestContext.Current.CancellationToken);

        Assert.Contains(first.Sizes, s => s.Table == TelemetryTable.Trades.Name && s.Partition == "p2025_09");
        AssertEveryTable(first.Growth.Select(g => g.Table));
        AssertEveryTable(second.Growth.Select(g => g.Table));
        Assert.All(first.Growth, g => Assert.Null(g.DailyGrowth));
        Assert.All(second.Growth, g => Assert.Equal(TimeSpan.FromDays(1), g.Since));
        Assert.NotNull(first.BufferPoolHitRate);
    }

    [Fact]
    public async Task CheckAsync_RowsInsertedBetweenChecks_GrowthIsTheBytesTheTableGained()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);
        await db.FillAsync(200);
        await AnalyzeAsync(db);
        var monitor = new DatabaseMonitor(db.DataSource, new MonitorThresholds());
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var before = await TableBytesAsync(db, TelemetryTable.Trades);
        await monitor.CheckAsync(now, TestContext.Current.CancellationToken);

        // 200 trades doubled six times (12,800): the table gains whole pages, which information_schema shows after ANALYZE.
        await using (var connection = await db.OpenAsync())
        {
            for (var i = 0; i < 6; i++)
            {
                await connection.ExecuteAsync("""
                    INSERT INTO dd_trade_performance (profile_id, symbol, trade_type, side, entry_time, exit_time, entry_price, exit_price, quantity, pnl, pnl_percent, exit_reason)
                    SELECT profile_id, symbol, trade_type, side, entry_time, exit_time, entry_price, exit_price, quantity, pnl, pnl_percent, exit_reason FROM dd_trade_performance
                    """);
            }
        }

        await AnalyzeAsync(db);
        var after = await TableBytesAsync(db, TelemetryTable.Trades);
        Assert.True(after > before, $"The trades table should have grown: {before} → {after} bytes.");

        var report = await monitor.CheckAsync(now.AddDays(2), TestContext.Current.CancellationToken);

        var trades = Assert.Single(report.Growth, g => g.Table == TelemetryTable.Trades.Name);
        Assert.Equal((after, before, TimeSpan.FromDays(2)), (trades.Bytes, trades.PreviousBytes, trades.Since));
        Assert.Equal((after - before) / (double)before / 2, trades.DailyGrowth!.Value, 12);
        Assert.Contains(report.Warnings, w => w.StartsWith(TelemetryTable.Trades.Name + " grows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_EveryMinuteAsTheWorkerRunsIt_StillMeasuresGrowth()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);
        await db.FillAsync(200);
        var monitor = new DatabaseMonitor(db.DataSource, new MonitorThresholds());
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        // The worker's default schedule runs the monitor every minute: each pass leaves a snapshot a minute old.
        DatabaseHealthReport report = null!;
        for (var minute = 0; minute <= 120; minute++)
        {
            report = await monitor.CheckAsync(now.AddMinutes(minute), TestContext.Current.CancellationToken);
        }

        AssertEveryTable(report.Growth.Select(g => g.Table));
        Assert.All(report.Growth, g => Assert.NotNull(g.DailyGrowth));
        Assert.All(report.Growth, g => Assert.Equal(TimeSpan.FromMinutes(60), g.Since));
    }

    [Fact]
    public async Task SnapshotGrowthAsync_EveryMinuteForFiveHours_KeepsTheLastTwoHoursAndOneAnHourBefore()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);
        var monitor = new DatabaseMonitor(db.DataSource, new MonitorThresholds());
        var sizes = await monitor.ReadSizesAsync(TestContext.Current.CancellationToken);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        for (var minute = 0; minute <= 300; minute++)
        {
            await monitor.SnapshotGrowthAsync(sizes, start.AddMinutes(minute), TestContext.Current.CancellationToken);
        }

        // Minutes 180–300 are within two hours of the last pass: all 121 stay. Of minutes 0–179, the first of each hour.
        await using var connection = await db.OpenAsync();
        var kept = (await connection.QueryAsync<(string Table, DateTime At)>($"SELECT table_name, captured_at FROM {DatabaseMonitor.SizeHistoryTable} ORDER BY captured_at")).ToList();
        var expected = Enumerable.Range(0, 3).Select(hour => hour * 60).Concat(Enumerable.Range(180, 121)).Select(m => start.AddMinutes(m)).ToList();
        AssertEveryTable(kept.Select(k => k.Table));
        Assert.All(kept.GroupBy(k => k.Table), table => Assert.Equal(expected, [.. table.Select(k => DateTime.SpecifyKind(k.At, DateTimeKind.Utc))]));
    }

    [Fact]
    public async Task CheckAsync_TwiceAtTheSameInstant_SecondPassSucceeds()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);
        var monitor = new DatabaseMonitor(db.DataSource, new MonitorThresholds());
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await monitor.CheckAsync(now, TestContext.Current.CancellationToken);

        var again = await monitor.CheckAsync(now, TestContext.Current.CancellationToken);

        AssertEveryTable(again.Growth.Select(g => g.Table));
    }

    [Fact]
    public async Task SampleSlowQueriesAsync_LongQuery_LoggedWithPlan()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);
        await db.FillAsync(300);
        var monitor = new DatabaseMonitor(db.DataSource, new MonitorThresholds { SlowQuery = TimeSpan.FromMilliseconds(500) });
        await using var busy = await db.OpenAsync();
        var slow = busy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance WHERE SLEEP(0.02) = 0 AND profile_id = 1");

        // Sample until the ~6 s query has run past the threshold; a busy machine may start it late.
        IReadOnlyList<SlowQuery> found = [];
        while (!slow.IsCompleted && !found.Any(q => q.Sql.Contains("SLEEP(0.02)", StringComparison.Ordinal)))
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            found = await monitor.SampleSlowQueriesAsync(TestContext.Current.CancellationToken);
        }

        await slow;

        var query = Assert.Single(found, q => q.Sql.Contains("SLEEP(0.02)", StringComparison.Ordinal));
        Assert.True(query.Elapsed >= TimeSpan.FromMilliseconds(500));
        Assert.Contains("dd_trade_performance", query.Plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_EveryTable_Ok()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);

        var results = await new IndexMaintenance(db.DataSource).AnalyzeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TelemetryTable.All.Select(t => t.Name), results.Select(r => r.Table));
        Assert.All(results, r => Assert.True(r.Ok, r.Status));
    }

    /// <summary>Exactly the telemetry tables, each once at least: an <c>Assert.All</c> over their rows then checks every table.</summary>
    private static void AssertEveryTable(IEnumerable<string> tables) =>
        Assert.Equal(TelemetryTable.All.Select(t => t.Name).Order(StringComparer.Ordinal), tables.Distinct().Order(StringComparer.Ordinal));

    private static async Task AnalyzeAsync(LifecycleDatabase db)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("ANALYZE TABLE dd_trade_performance");
    }

    private static async Task<long> TableBytesAsync(LifecycleDatabase db, TelemetryTable table)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT CAST(DATA_LENGTH + INDEX_LENGTH AS SIGNED) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @name", new { name = table.Name });
    }
}
