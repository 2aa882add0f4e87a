using Telemetry.Data;
using Telemetry.Data.Model;
using Telemetry.Data.Rollups;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Tests.Infrastructure;

/// <summary>Fills one database with a schema variant and given trade and health rows, rolled up: the small seeded dataset integration tests read.</summary>
public static class SeededDatabase
{
    /// <summary>Builds <paramref name="variant"/> in the database <paramref name="connectionString"/> names, inserts the rows in one transaction and rolls up the metrics over <paramref name="days"/> days from <see cref="TestTrades.Origin"/>.</summary>
    public static async Task FillAsync(string connectionString, SchemaVariant variant, PartitionPlan? plan, IReadOnlyList<Trade> trades, IReadOnlyList<HealthSample> health, int days, CancellationToken ct)
    {
        await using var dataSource = TelemetryDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await SchemaBuilder.BuildAsync(connection, variant, plan, ct);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Trades, trades, TelemetryColumns.TradesWithId, ct);
            await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Health, health, TelemetryColumns.HealthWithId, ct);
            await transaction.CommitAsync(ct);
        }

        await TradeRollup.RollupAsync(connection, TestTrades.Origin, TestTrades.Origin.AddDays(days + 1), ct);
    }
}
