using Dapper;
using Perf.Bench.Plans;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Model;
using Telemetry.Data.Rollups;
using Telemetry.Data.Schema;

namespace Perf.Tests.Lifecycle;

/// <summary>Rollups agree with a direct aggregation of the raw rows, and late rows recompute only their own windows.</summary>
public sealed class RollupTests(DatabaseServerFixture fixture)
{
    private const string TradeMetricsSql = """
        SELECT profile_id AS ProfileId, window_type AS WindowType, window_start AS WindowStart, sample_count AS SampleCount, value_sum AS ValueSum,
               value_min AS ValueMin, value_max AS ValueMax, positive_count AS PositiveCount, negative_count AS NegativeCount
        FROM dd_telemetry_metrics WHERE metric_type = 'trade_pnl' AND metric_name = '*' AND window_type = @windowType
        ORDER BY profile_id, window_start
        """;

    private const string DirectTradeSql = """
        SELECT profile_id AS ProfileId, @windowType AS WindowType, {bucket} AS WindowStart, COUNT(*) AS SampleCount, SUM(pnl) AS ValueSum,
               MIN(pnl) AS ValueMin, MAX(pnl) AS ValueMax, CAST(SUM(pnl > 0) AS SIGNED) AS PositiveCount, CAST(SUM(pnl < 0) AS SIGNED) AS NegativeCount
        FROM dd_trade_performance GROUP BY profile_id, {bucket} ORDER BY ProfileId, WindowStart
        """;

    [Theory]
    [InlineData(SchemaVariant.Basic)]
    [InlineData(SchemaVariant.Partitioned)]
    public async Task IncrementalRollup_FreshData_EqualsDirectAggregationForEveryWindowType(SchemaVariant variant)
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, variant);
        await LoadRawAsync(db, trades: 1500, days: 70);

        await new IncrementalRollup(db.DataSource).RunAsync(cancellationToken: TestContext.Current.CancellationToken);

        await using var connection = await db.OpenAsync();
        foreach (var windowType in Enum.GetValues<WindowType>())
        {
            var rolled = await RowsAsync(connection, TradeMetricsSql, windowType);
            var direct = await RowsAsync(connection, DirectTradeSql.Replace("{bucket}", Bucket(windowType, "entry_time"), StringComparison.Ordinal), windowType);
            Assert.NotEmpty(direct);
            Assert.Equal(direct, rolled);
        }

        // Health: latency per script and day, straight from the raw samples.
        var healthDaily = await connection.QueryAsync<(int, string, DateTime, long, decimal, decimal, decimal)>("""
            SELECT profile_id, metric_name, window_start, sample_count, value_sum, value_min, value_max FROM dd_telemetry_metrics
            WHERE metric_type = 'health' AND window_type = 'daily' AND metric_name LIKE 'latency_ms:%' ORDER BY profile_id, metric_name, window_start
            """);
        var healthDirect = await connection.QueryAsync<(int, string, DateTime, long, decimal, decimal, decimal)>("""
            SELECT profile_id, CONCAT('latency_ms:', script_name) AS n, CAST(DATE(`timestamp`) AS DATETIME(6)) AS d, COUNT(*),
                   SUM(CAST(latency_ms AS DECIMAL(18,6))), MIN(CAST(latency_ms AS DECIMAL(18,6))), MAX(CAST(latency_ms AS DECIMAL(18,6)))
            FROM dd_system_health GROUP BY profile_id, n, d ORDER BY profile_id, n, d
            """);
        Assert.NotEmpty(healthDirect);
        Assert.Equal(healthDirect, healthDaily);
    }

    [Fact]
    public async Task IncrementalRollup_LateRow_RecomputesOnlyItsWindows()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);
        await LoadRawAsync(db, trades: 1200, days: 70);
        var rollup = new IncrementalRollup(db.DataSource);
        // The first run scans everything; the second rescans what the first saw (a late commit could hide there).
        await rollup.RunAsync(cancellationToken: TestContext.Current.CancellationToken);
        await rollup.RunAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("UPDATE dd_telemetry_metrics SET updated_at = '2000-01-01'");

        var late = TestTrades.Origin.AddDays(20).AddHours(13).AddMinutes(7);
        await db.InsertTradeAsync(100_000, late, pnl: -42.5m);
        var report = await rollup.RunAsync(RollupSource.Trades, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1, 1, 1, 1), (report.Hours, report.Days, report.Weeks, report.Months));
        var touched = (await connection.QueryAsync<(string WindowType, DateTime WindowStart)>(
            "SELECT DISTINCT window_type, window_start FROM dd_telemetry_metrics WHERE updated_at > '2000-01-01'")).ToHashSet();
        var expected = Enum.GetValues<WindowType>().Select(w => (w.ToName(), w.WindowStart(late))).ToHashSet();
        Assert.Equal(expected, touched);
        foreach (var windowType in Enum.GetValues<WindowType>())
        {
            var direct = await RowsAsync(connection, DirectTradeSql.Replace("{bucket}", Bucket(windowType, "entry_time"), StringComparison.Ordinal), windowType);
            Assert.Equal(direct, await RowsAsync(connection, TradeMetricsSql, windowType));
        }
    }

    [Fact]
    public async Task IncrementalRollup_LateRowOlderThanNotBefore_LeavesItsWindowsAlone()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);
        await LoadRawAsync(db, trades: 300, days: 40);
        var rollup = new IncrementalRollup(db.DataSource);
        await rollup.RunAsync(RollupSource.Trades, cancellationToken: TestContext.Current.CancellationToken);
        await rollup.RunAsync(RollupSource.Trades, cancellationToken: TestContext.Current.CancellationToken);

        await using var connection = await db.OpenAsync();
        var windows = new Dictionary<WindowType, List<WindowRow>>();
        foreach (var type in Enum.GetValues<WindowType>())
        {
            windows[type] = await RowsAsync(connection, TradeMetricsSql, type);
        }

        await db.InsertTradeAsync(100_000, TestTrades.Origin.AddDays(2));
        var report = await rollup.RunAsync(RollupSource.Trades, notBefore: TestTrades.Origin.AddDays(10), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((0, 0, 0, 0), (report.Hours, report.Days, report.Weeks, report.Months));
        foreach (var type in Enum.GetValues<WindowType>())
        {
            Assert.Equal(windows[type], await RowsAsync(connection, TradeMetricsSql, type));
        }
    }

    [Fact]
    public async Task IncrementalRollup_LateRowOnTheDayRetentionCutsThrough_NoWindowLosesArchivedRows()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);
        await LoadRawAsync(db, trades: 1200, days: 40);
        var rollup = new IncrementalRollup(db.DataSource);
        await rollup.RunAsync(RollupSource.Trades, cancellationToken: TestContext.Current.CancellationToken);
        await rollup.RunAsync(RollupSource.Trades, cancellationToken: TestContext.Current.CancellationToken);

        // Retention at noon archives the morning of day 10; the rollup is told to leave windows before that instant alone.
        var now = TestTrades.Origin.AddDays(40).AddHours(12);
        var policy = RetentionPolicy.Parse("30d", "1y", "1y");
        var cutoff = policy.Trades.CutoffBefore(now);
        await new RetentionJob(db.DataSource, policy, new RetentionOptions { Pause = TimeSpan.Zero }).RunAsync(now, TestContext.Current.CancellationToken);
        Assert.True((await db.SplitAsync(TelemetryTable.TradesArchive, cutoff)).Before > 0);
        await using var connection = await db.OpenAsync();
        var windows = new Dictionary<WindowType, List<WindowRow>>();
        foreach (var type in Enum.GetValues<WindowType>())
        {
            windows[type] = await RowsAsync(connection, TradeMetricsSql, type);
        }

        await db.InsertTradeAsync(100_000, cutoff.AddHours(5), pnl: -42.5m);
        await rollup.RunAsync(RollupSource.Trades, notBefore: cutoff, cancellationToken: TestContext.Current.CancellationToken);

        // The day's morning is in the archive: recomputing the day from what is left would drop it from every window
        // above the hour. Its hours are left alone too, so they still add up to the day.
        foreach (var type in new[] { WindowType.Daily, WindowType.Weekly, WindowType.Monthly, WindowType.Hourly })
        {
            Assert.Equal(windows[type], await RowsAsync(connection, TradeMetricsSql, type));
        }
    }

    [Fact]
    public async Task TradeRollup_Rerun_IsIdempotent()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Basic);
        await LoadRawAsync(db, trades: 600, days: 40);
        await using var connection = await db.OpenAsync();
        await TradeRollup.RollupAsync(connection, TestTrades.Origin, TestTrades.Origin.AddDays(41), TestContext.Current.CancellationToken);
        var first = await RowsAsync(connection, TradeMetricsSql, WindowType.Monthly);

        await TradeRollup.RollupAsync(connection, TestTrades.Origin, TestTrades.Origin.AddDays(41), TestContext.Current.CancellationToken);

        Assert.Equal(first, await RowsAsync(connection, TradeMetricsSql, WindowType.Monthly));
        Assert.Equal(600, first.Sum(r => r.SampleCount));
    }

    [Theory]
    [InlineData(SchemaVariant.Basic)]
    [InlineData(SchemaVariant.Composite)]
    public async Task Rollups_OneHour_ReadThatHoursRowsNotTheTable(SchemaVariant variant)
    {
        // No index leads with the time column on these variants: a range on the time alone scanned the table once per
        // branch of the union (24,000 trade reads and 30,720 health reads here, for about ten rows).
        await using var db = await LifecycleDatabase.CreateAsync(fixture, variant);
        await db.FillAsync(6000);
        await using var connection = await db.OpenAsync();
        var hour = TestTrades.Origin.AddDays(20).AddHours(5);
        var overhead = await ReadsAsync(connection, () => Task.CompletedTask);

        var trades = await ReadsAsync(connection, () => TradeRollup.RollupAsync(connection, WindowType.Hourly, hour, hour.AddHours(1), TestContext.Current.CancellationToken)) - overhead;
        var health = await ReadsAsync(connection, () => HealthRollup.RollupAsync(connection, WindowType.Hourly, hour, hour.AddHours(1), TestContext.Current.CancellationToken)) - overhead;

        Assert.InRange(trades.Total, 1, 200);
        Assert.InRange(health.Total, 1, 200);
    }

    /// <summary>The session's handler reads around <paramref name="run"/>.</summary>
    private static async Task<HandlerReads> ReadsAsync(MySqlConnector.MySqlConnection connection, Func<Task> run)
    {
        var before = await HandlerReads.ReadAsync(connection, TestContext.Current.CancellationToken);
        await run();
        return await HandlerReads.ReadAsync(connection, TestContext.Current.CancellationToken) - before;
    }

    private static async Task LoadRawAsync(LifecycleDatabase db, int trades, int days)
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await Telemetry.Data.Writes.TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Trades, TestTrades.Generate(trades, 3, days), Telemetry.Data.Writes.TelemetryColumns.TradesWithId, TestContext.Current.CancellationToken);
        await Telemetry.Data.Writes.TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Health, TestTrades.GenerateHealth(2, 10), Telemetry.Data.Writes.TelemetryColumns.HealthWithId, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<WindowRow>> RowsAsync(MySqlConnector.MySqlConnection connection, string sql, WindowType windowType) =>
        (await connection.QueryAsync<WindowRow>(sql, new { windowType = windowType.ToName() })).AsList();

    private static string Bucket(WindowType windowType, string column) => windowType switch
    {
        WindowType.Hourly => $"CAST(DATE_FORMAT({column}, '%Y-%m-%d %H:00:00') AS DATETIME(6))",
        WindowType.Daily => $"CAST(DATE({column}) AS DATETIME(6))",
        WindowType.Weekly => $"CAST(DATE({column}) - INTERVAL WEEKDAY({column}) DAY AS DATETIME(6))",
        _ => $"CAST(DATE_FORMAT({column}, '%Y-%m-01') AS DATETIME(6))",
    };
}
