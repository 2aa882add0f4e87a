using Dapper;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Tests.Lifecycle;

/// <summary>Retention over each schema variant: exact boundaries, whole months by partition, recovery of an interrupted exchange.</summary>
public sealed class RetentionTests(DatabaseServerFixture fixture)
{
    private static readonly RetentionOptions Fast = new() { ChunkSize = 250, Pause = TimeSpan.Zero };

    [Theory]
    [InlineData(SchemaVariant.Basic)]
    [InlineData(SchemaVariant.Composite)]
    [InlineData(SchemaVariant.Partitioned)]
    public async Task RunAsync_RowsAroundCutoff_OnlyStrictlyOlderRowsLeave(SchemaVariant variant)
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, variant);
        var now = LifecycleDatabase.Now;
        var tradeCutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(now);
        var healthCutoff = LifecycleDatabase.TestPolicy.Health.CutoffBefore(now);
        var metricCutoff = LifecycleDatabase.TestPolicy.Metrics.CutoffBefore(now);
        await db.InsertTradeAsync(1, tradeCutoff.AddTicks(-10));
        await db.InsertTradeAsync(2, tradeCutoff);
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO dd_system_health (id, profile_id, script_name, `timestamp`, status, cpu_percent, memory_mb, latency_ms, error_count)
                VALUES (1, 1, 's', @outside, 'ok', 1, 1, 1, 0), (2, 1, 's', @inside, 'ok', 1, 1, 1, 0)
                """, new { outside = healthCutoff.AddTicks(-10), inside = healthCutoff });
            await connection.ExecuteAsync("""
                INSERT INTO dd_telemetry_metrics (id, profile_id, metric_type, metric_name, window_type, window_start, window_end, sample_count, value_sum, value_min, value_max, positive_count, negative_count)
                VALUES (1, 1, 'trade_pnl', '*', 'hourly', @outside, @outside, 1, 1, 1, 1, 1, 0), (2, 1, 'trade_pnl', '*', 'hourly', @inside, @inside, 1, 1, 1, 1, 1, 0)
                """, new { outside = metricCutoff.AddTicks(-10), inside = metricCutoff });
        }

        var report = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(now, TestContext.Current.CancellationToken);

        Assert.All(report.Tables, t => Assert.Equal(1, t.TotalRows));
        await using var check = await db.OpenAsync();
        Assert.Equal([2L], await check.QueryAsync<long>("SELECT id FROM dd_trade_performance"));
        Assert.Equal([1L], await check.QueryAsync<long>("SELECT id FROM dd_trade_performance_archive"));
        Assert.Equal([2L], await check.QueryAsync<long>("SELECT id FROM dd_telemetry_metrics"));
        Assert.Equal([1L], await check.QueryAsync<long>("SELECT id FROM dd_telemetry_metrics_archive"));
        Assert.Equal([2L], await check.QueryAsync<long>("SELECT id FROM dd_system_health"));
    }

    [Theory]
    [InlineData(SchemaVariant.Composite)]
    [InlineData(SchemaVariant.Partitioned)]
    public async Task RunAsync_History_MovesExactlyTheOldRowsAndKeepsEveryRowOnce(SchemaVariant variant)
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, variant);
        await db.FillAsync(3000);
        var now = LifecycleDatabase.Now;
        var cutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(now);
        var (old, young) = await db.SplitAsync(TelemetryTable.Trades, cutoff);
        var trades = await db.FingerprintAsync(TelemetryTable.Trades);
        var metrics = await db.FingerprintAsync(TelemetryTable.Metrics);

        var report = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(now, TestContext.Current.CancellationToken);

        var tradeReport = report.Tables[0];
        Assert.Equal(old, tradeReport.TotalRows);
        if (variant == SchemaVariant.Partitioned)
        {
            // 2025-09 to 2025-11 lie wholly before the 2025-12-20 cutoff: three exchanges, December by rows.
            Assert.Equal(["p2025_09", "p2025_10", "p2025_11"], tradeReport.WholePartitions.Select(p => p.Partition));
            Assert.InRange(tradeReport.RowPathRows, 1, old / 3);
        }
        else
        {
            Assert.Empty(tradeReport.DroppedPartitions);
        }

        Assert.Equal((0L, young), await db.SplitAsync(TelemetryTable.Trades, cutoff));
        Assert.Equal((old, 0L), await db.SplitAsync(TelemetryTable.TradesArchive, cutoff));
        Assert.Equal(trades, await db.FingerprintAsync(TelemetryTable.Trades));
        Assert.Equal(metrics, await db.FingerprintAsync(TelemetryTable.Metrics));
        var healthCutoff = LifecycleDatabase.TestPolicy.Health.CutoffBefore(now);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Health, healthCutoff)).Before);

        // A second run finds nothing left to do.
        var again = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(now, TestContext.Current.CancellationToken);
        Assert.All(again.Tables.Where(t => t.Action == RetentionAction.Archive), t => Assert.Equal(0, t.TotalRows));
    }

    [Fact]
    public async Task RunAsync_WholeMonthsArchived_TheirEmptiedPartitionsAreDroppedAndTheStraddlingMonthStays()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        await db.FillAsync(3000);
        var now = LifecycleDatabase.Now;
        var cutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(now);
        var (_, young) = await db.SplitAsync(TelemetryTable.Trades, cutoff);
        var trades = await db.FingerprintAsync(TelemetryTable.Trades);
        var metrics = await db.FingerprintAsync(TelemetryTable.Metrics);
        var before = await PartitionNamesAsync(db, TelemetryTable.Trades);
        Assert.Contains("p2025_09", before);

        var report = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(now, TestContext.Current.CancellationToken);

        // 2025-09 to 2025-11 lie wholly before the 2025-12-20 cutoff; December straddles it and keeps its young rows.
        // p_before, the months ahead and p_future stay.
        Assert.Equal(["p2025_09", "p2025_10", "p2025_11"], report.Tables[0].DroppedPartitions);
        Assert.Contains("dropped emptied partitions: p2025_09, p2025_10, p2025_11", report.ToString(), StringComparison.Ordinal);
        Assert.Equal([.. before.Except(["p2025_09", "p2025_10", "p2025_11"])], await PartitionNamesAsync(db, TelemetryTable.Trades));
        Assert.Equal(["p_before", "p2025_12", "p2026_01", "p2026_02", "p2026_03", "p2026_04", "p2026_05", "p_future"], await PartitionNamesAsync(db, TelemetryTable.Trades));

        // Metric windows (60 days: cutoff 2026-01-19) lose September to December; January straddles.
        Assert.Equal(["p2025_09", "p2025_10", "p2025_11", "p2025_12"], report.Tables.Single(t => t.Table == TelemetryTable.Metrics.Name).DroppedPartitions);
        Assert.Equal("p2026_01", (await PartitionNamesAsync(db, TelemetryTable.Metrics))[1]);

        // Maintenance goes on adding months after the highest one and brings back none of the dropped ones.
        await new PartitionMaintenance(db.DataSource).RunAsync(now, monthsAhead: 3, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["p_before", "p2025_12", "p2026_01", "p2026_02", "p2026_03", "p2026_04", "p2026_05", "p2026_06", "p_future"], await PartitionNamesAsync(db, TelemetryTable.Trades));
        await using (var connection = await db.OpenAsync())
        {
            var december = await connection.QuerySingleAsync<(long Old, long Young)>(
                "SELECT COALESCE(SUM(entry_time < @cutoff), 0), COALESCE(SUM(entry_time >= @cutoff), 0) FROM dd_trade_performance PARTITION (p2025_12)", new { cutoff });
            Assert.Equal(0, december.Old);
            Assert.True(december.Young > 0);
        }

        // The archive keeps its months; live + archive still hold every row exactly once.
        Assert.Contains("p2025_09", await PartitionNamesAsync(db, TelemetryTable.TradesArchive));
        Assert.Equal((0L, young), await db.SplitAsync(TelemetryTable.Trades, cutoff));
        Assert.Equal(trades, await db.FingerprintAsync(TelemetryTable.Trades));
        Assert.Equal(metrics, await db.FingerprintAsync(TelemetryTable.Metrics));
    }

    [Fact]
    public async Task RunAsync_LateRowInAnArchivedMonth_ArchivedBeforeItsPartitionIsDropped()
    {
        // A table as an earlier run left it: September archived, its emptied partition still in the live table.
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        await db.FillAsync(1000);
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO dd_trade_performance_archive SELECT * FROM dd_trade_performance PARTITION (p2025_09)");
            await connection.ExecuteAsync("ALTER TABLE dd_trade_performance TRUNCATE PARTITION p2025_09");
        }

        await db.InsertTradeAsync(1_000_001, new DateTime(2025, 9, 15, 12, 0, 0, DateTimeKind.Utc));
        var trades = await db.FingerprintAsync(TelemetryTable.Trades);

        var report = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(LifecycleDatabase.Now, TestContext.Current.CancellationToken);

        Assert.Contains(report.Tables[0].WholePartitions, p => p.Partition == "p2025_09" && p.Rows == 1);
        Assert.Contains("p2025_09", report.Tables[0].DroppedPartitions);
        Assert.DoesNotContain("p2025_09", await PartitionNamesAsync(db, TelemetryTable.Trades));
        Assert.Equal(trades, await db.FingerprintAsync(TelemetryTable.Trades));
        await using var check = await db.OpenAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance_archive WHERE id = 1000001"));
    }

    [Fact]
    public async Task RunAsync_EveryMonthPastRetention_KeepsTheLastMonthAndTheCatchAll()
    {
        // Months only to October (maintenance has not run since): later trades sit in p_future.
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned, lastMonth: new DateOnly(2025, 10, 1));
        await db.FillAsync(1000);
        var trades = await db.FingerprintAsync(TelemetryTable.Trades);

        var report = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(LifecycleDatabase.Now, TestContext.Current.CancellationToken);

        // October is the highest bounded month, which maintenance extends from: archived (health: emptied) but kept.
        Assert.Equal(["p2025_09"], report.Tables[0].DroppedPartitions);
        Assert.Equal(["p_before", "p2025_10", "p_future"], await PartitionNamesAsync(db, TelemetryTable.Trades));
        Assert.Equal(["p2025_09"], report.Tables[2].DroppedPartitions);
        Assert.Contains(report.Tables[2].WholePartitions, p => p.Partition == "p2025_10" && p.Rows > 0);
        Assert.Contains(" rows (TRUNCATE)", report.ToString(), StringComparison.Ordinal);
        Assert.Equal(["p_before", "p2025_10", "p_future"], await PartitionNamesAsync(db, TelemetryTable.Health));
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Health, LifecycleDatabase.TestPolicy.Health.CutoffBefore(LifecycleDatabase.Now))).Before);
        Assert.Equal(trades, await db.FingerprintAsync(TelemetryTable.Trades));
        var cutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(LifecycleDatabase.Now);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Trades, cutoff)).Before);
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsWithoutChanging()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        await db.FillAsync(1500);
        var cutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(LifecycleDatabase.Now);
        var (old, _) = await db.SplitAsync(TelemetryTable.Trades, cutoff);
        var before = await db.FingerprintAsync(TelemetryTable.Trades);
        // The fingerprint sees trades wherever they are; health rows deleted or metric windows archived need their own counts.
        TelemetryTable[] others = [TelemetryTable.Health, TelemetryTable.Metrics, TelemetryTable.MetricsArchive];
        var othersBefore = await Task.WhenAll(others.Select(db.CountIfExistsAsync));
        Assert.All(othersBefore[..2], count => Assert.True(count > 0));

        var partitions = await PartitionNamesAsync(db, TelemetryTable.Trades);

        var report = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast with { DryRun = true }).RunAsync(LifecycleDatabase.Now, TestContext.Current.CancellationToken);

        Assert.Equal(old, report.Tables[0].TotalRows);
        Assert.True(report.Tables[0].DryRun);
        Assert.Contains("would archive", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("would drop emptied partitions: p2025_09, p2025_10, p2025_11", report.ToString(), StringComparison.Ordinal);
        Assert.Equal(partitions, await PartitionNamesAsync(db, TelemetryTable.Trades));
        Assert.Equal(before, await db.FingerprintAsync(TelemetryTable.Trades));
        Assert.Equal(old, (await db.SplitAsync(TelemetryTable.Trades, cutoff)).Before);
        Assert.Equal(othersBefore, await Task.WhenAll(others.Select(db.CountIfExistsAsync)));
    }

    [Fact]
    public async Task RunAsync_KilledBetweenTheTwoExchanges_NextRunFinishesTheMonth()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        await db.FillAsync(2000);
        var before = await db.FingerprintAsync(TelemetryTable.Trades);
        await using (var connection = await db.OpenAsync())
        {
            // Exactly what a kill after the first exchange leaves: September's rows in the stage, in neither table.
            await connection.ExecuteAsync("CREATE TABLE dd_trade_performance_stage LIKE dd_trade_performance");
            await connection.ExecuteAsync("ALTER TABLE dd_trade_performance_stage REMOVE PARTITIONING");
            await connection.ExecuteAsync("ALTER TABLE dd_trade_performance EXCHANGE PARTITION p2025_09 WITH TABLE dd_trade_performance_stage");
            Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance_stage") > 0);
        }

        var report = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(LifecycleDatabase.Now, TestContext.Current.CancellationToken);

        Assert.True(report.Tables[0].RecoveredRows > 0);
        Assert.Equal(before, await db.FingerprintAsync(TelemetryTable.Trades));
        var cutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(LifecycleDatabase.Now);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Trades, cutoff)).Before);
        Assert.Contains("p2025_09", report.Tables[0].DroppedPartitions);
        await using var check = await db.OpenAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dd_trade_performance_stage'"));
    }

    [Fact]
    public async Task RunAsync_MonthPartlyArchivedEarlier_MergesRestWithoutDuplicates()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned);
        await db.FillAsync(3000);
        var before = await db.FingerprintAsync(TelemetryTable.Trades);

        // First run mid-December archives part of December by rows; a month later December is whole and is exchanged
        // into an archive partition that already holds rows.
        await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(LifecycleDatabase.Now, TestContext.Current.CancellationToken);
        var later = await new RetentionJob(db.DataSource, LifecycleDatabase.TestPolicy, Fast).RunAsync(LifecycleDatabase.Now.AddDays(20), TestContext.Current.CancellationToken);

        Assert.Contains(later.Tables[0].WholePartitions, p => p.Partition == "p2025_12");
        Assert.Equal(before, await db.FingerprintAsync(TelemetryTable.Trades));
        var cutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(LifecycleDatabase.Now.AddDays(20));
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Trades, cutoff)).Before);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.TradesArchive, cutoff)).AtOrAfter);
    }

    private static async Task<List<string>> PartitionNamesAsync(LifecycleDatabase db, TelemetryTable table)
    {
        await using var connection = await db.OpenAsync();
        return [.. (await PartitionCatalog.ReadAsync(connection, table, TestContext.Current.CancellationToken)).Select(p => p.Name)];
    }
}
