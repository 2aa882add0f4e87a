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
        Assert.All(TelemetryTable.All, t => Assert.Contains(first.Growth, g => g.Table == t.Name));
        Assert.All(first.Growth, g => Assert.Null(g.DailyGrowth));
        Assert.All(second.Growth, g => Assert.Equal(TimeSpan.FromDays(1), g.Since));
        Assert.NotNull(first.BufferPoolHitRate);
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
}
