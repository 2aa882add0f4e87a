using Perf.Tests.Infrastructure;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Tests.Lifecycle;

public sealed class PartitionMaintenanceTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task RunAsync_MonthsAhead_AddsThemToLiveAndArchiveTablesOnce()
    {
        // Partitions up to 2025-10; "now" is 2025-11-15, so three months ahead means 2025-11 to 2026-02.
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned, lastMonth: new DateOnly(2025, 10, 1));
        var maintenance = new PartitionMaintenance(db.DataSource);
        var now = new DateTime(2025, 11, 15, 0, 0, 0, DateTimeKind.Utc);

        var dry = await maintenance.RunAsync(now, monthsAhead: 3, dryRun: true, TestContext.Current.CancellationToken);
        var report = await maintenance.RunAsync(now, monthsAhead: 3, cancellationToken: TestContext.Current.CancellationToken);
        var again = await maintenance.RunAsync(now, monthsAhead: 3, cancellationToken: TestContext.Current.CancellationToken);

        string[] expected = ["p2025_11", "p2025_12", "p2026_01", "p2026_02"];
        Assert.Equal(expected, dry.Added[TelemetryTable.Trades.Name]);
        Assert.Equal(TelemetryTable.All.Count, report.Added.Count);
        Assert.All(report.Added.Values, added => Assert.Equal(expected, added));
        Assert.Empty(again.Added);
        await using var connection = await db.OpenAsync();
        foreach (var table in TelemetryTable.All)
        {
            var partitions = await PartitionCatalog.ReadAsync(connection, table, TestContext.Current.CancellationToken);
            Assert.Equal("p2026_02", partitions[^2].Name);
            Assert.True(partitions[^1].IsCatchAll);
        }
    }

    [Fact]
    public async Task RunAsync_RowInCatchAll_IsReported()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Partitioned, lastMonth: new DateOnly(2025, 10, 1));
        await db.InsertTradeAsync(1, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var report = await new PartitionMaintenance(db.DataSource).RunAsync(new DateTime(2025, 10, 2, 0, 0, 0, DateTimeKind.Utc), 0, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(report.CatchAllHasRows);
        Assert.Equal(1, report.CatchAllRows[TelemetryTable.Trades.Name]);
        Assert.Contains("WARNING", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnpartitionedSchema_DoesNothing()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);

        var report = await new PartitionMaintenance(db.DataSource).RunAsync(DateTime.UtcNow, 3, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(report.Added);
        Assert.Empty(report.CatchAllRows);
    }
}
