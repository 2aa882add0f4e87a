using MySqlConnector;
using Perf.Bench;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

public sealed class VariantIndexesTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task Reconcile_DriftedIndexes_MatchTelemetryIndexesAgain()
    {
        var variants = await VariantSet.CreateAsync(fixture, trades: 500, profiles: 2, days: 40);
        await using var connection = await VariantSet.OpenAsync(fixture, variants.Databases[SchemaVariant.Partitioned]);
        // Drift: an index with other columns, a missing one, and one nobody defines.
        await using (var drift = new MySqlCommand(
            "ALTER TABLE dd_trade_performance DROP INDEX idx_trades_profile_time, ADD INDEX idx_trades_profile_time (profile_id), " +
            "DROP INDEX idx_trades_profile_time_id, ADD INDEX idx_stray (side)", connection))
        {
            await drift.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var changes = await VariantIndexes.ReconcileAsync(connection, SchemaVariant.Partitioned, TestContext.Current.CancellationToken);

        Assert.Contains("dd_trade_performance: dropped idx_stray", changes);
        Assert.Contains("dd_trade_performance: added idx_trades_profile_time (profile_id, entry_time)", changes);
        Assert.Contains("dd_trade_performance: added idx_trades_profile_time_id (profile_id, entry_time, id)", changes);
        Assert.Empty(await VariantIndexes.ReconcileAsync(connection, SchemaVariant.Partitioned, TestContext.Current.CancellationToken));
        var indexes = await IndexMigration.ReadIndexesAsync(connection, TelemetryTable.Trades, TestContext.Current.CancellationToken);
        Assert.Equal(["profile_id", "entry_time"], indexes["idx_trades_profile_time"]);
        Assert.Equal(["profile_id", "entry_time", "id"], indexes["idx_trades_profile_time_id"]);
    }
}
