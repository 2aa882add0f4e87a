using Dapper;
using MySqlConnector;
using Perf.Tests.Infrastructure;
using Telemetry.Data;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Rollups;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Tests.Lifecycle;

/// <summary>A fresh database of one schema variant for a lifecycle test, with helpers to fill and fingerprint it.</summary>
public sealed class LifecycleDatabase : IAsyncDisposable
{
    /// <summary>The retention used by lifecycle tests over <see cref="TestTrades"/> data (200 days from 2025-09-01).</summary>
    public static readonly RetentionPolicy TestPolicy = RetentionPolicy.Parse("90d", "60d", "10d");

    /// <summary>The "now" of lifecycle tests: the end of 200 days of test data.</summary>
    public static readonly DateTime Now = TestTrades.Origin.AddDays(200);

    private LifecycleDatabase(string name, string connectionString, SchemaVariant variant)
    {
        Name = name;
        ConnectionString = connectionString;
        Variant = variant;
        DataSource = TelemetryDataSource.Create(connectionString);
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>Its connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Its variant.</summary>
    public SchemaVariant Variant { get; }

    /// <summary>A data source on it.</summary>
    public MySqlDataSource DataSource { get; }

    /// <summary>Creates the database and the variant's schema (partitions from <see cref="TestTrades.Origin"/> over 200 days plus two months).</summary>
    public static async Task<LifecycleDatabase> CreateAsync(DatabaseServerFixture fixture, SchemaVariant variant, DateOnly? lastMonth = null)
    {
        var server = fixture.RequireServer();
        var name = await fixture.CreateDatabaseAsync("lc_" + variant.ToString().ToLowerInvariant());
        var database = new LifecycleDatabase(name, server.ConnectionStringFor(name), variant);
        await using var connection = await database.OpenAsync();
        var plan = lastMonth is { } last
            ? new PartitionPlan(DateOnly.FromDateTime(TestTrades.Origin), last)
            : PartitionPlan.Covering(TestTrades.Origin, Now, monthsAhead: 2);
        await SchemaBuilder.BuildAsync(connection, variant, plan, TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Loads trades (ids 1..n) and health samples, and rolls trades and health up into metrics.</summary>
    public async Task FillAsync(int trades, int days = 200)
    {
        var rows = TestTrades.Generate(trades, profiles: 3, days);
        var health = TestTrades.GenerateHealth(profiles: 2, days: Math.Min(days, 40));
        await using var connection = await OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Trades, rows, TelemetryColumns.TradesWithId, TestContext.Current.CancellationToken);
            await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Health, health, TelemetryColumns.HealthWithId, TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        await TradeRollup.RollupAsync(connection, TestTrades.Origin, TestTrades.Origin.AddDays(days + 1), TestContext.Current.CancellationToken);
        await HealthRollup.RollupAsync(connection, TestTrades.Origin, TestTrades.Origin.AddDays(days + 1), TestContext.Current.CancellationToken);
    }

    /// <summary>Opens a connection.</summary>
    public Task<MySqlConnection> OpenAsync() => DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken).AsTask();

    /// <summary>Count, distinct ids and a content checksum of a live table's rows wherever they are: live, archive and stage.</summary>
    public async Task<Fingerprint> FingerprintAsync(TelemetryTable live)
    {
        ArgumentNullException.ThrowIfNull(live);
        await using var connection = await OpenAsync();
        var tables = new List<string> { live.Name };
        if (live.Archive is { } archive)
        {
            tables.Add(archive.Name);
            var stage = StageTable.For(live).Name;
            var hasStage = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @stage", new { stage });
            if (hasStage > 0)
            {
                tables.Add(stage);
            }
        }

        var union = string.Join(" UNION ALL ", tables.Select(t => $"SELECT * FROM `{t}`"));
        var columns = live == TelemetryTable.Trades
            ? "id, profile_id, symbol, trade_type, entry_time, pnl, exit_reason"
            : "id, profile_id, metric_type, metric_name, window_type, window_start, sample_count, value_sum";
        return await connection.QuerySingleAsync<Fingerprint>(
            $"SELECT COUNT(*) AS `Rows`, COUNT(DISTINCT id) AS DistinctIds, CAST(COALESCE(SUM(CRC32(CONCAT_WS('|', {columns}))), 0) AS SIGNED) AS Checksum FROM ({union}) AS t");
    }

    /// <summary>Rows of <paramref name="table"/> older than <paramref name="cutoff"/> and at or after it.</summary>
    public async Task<(long Before, long AtOrAfter)> SplitAsync(TelemetryTable table, DateTime cutoff)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await OpenAsync();
        return await connection.QuerySingleAsync<(long, long)>(
            $"SELECT COALESCE(SUM(`{table.TimeColumn}` < @cutoff), 0), COALESCE(SUM(`{table.TimeColumn}` >= @cutoff), 0) FROM `{table.Name}`", new { cutoff });
    }

    /// <summary>Rows in <paramref name="table"/>, or 0 when it does not exist.</summary>
    public async Task<long> CountIfExistsAsync(TelemetryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await OpenAsync();
        var exists = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table", new { table = table.Name });
        return exists == 0 ? 0 : await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{table.Name}`");
    }

    /// <summary>Inserts one trade with an explicit id and entry time.</summary>
    public async Task InsertTradeAsync(long id, DateTime entryTime, decimal pnl = 1.5m)
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO dd_trade_performance (id, profile_id, symbol, trade_type, side, entry_time, exit_time, entry_price, exit_price, quantity, pnl, pnl_percent, exit_reason)
            VALUES (@id, 1, 'AAPL', 'breakout', 'long', @entryTime, @entryTime, 100, 101, 1, @pnl, 1, 'manual')
            """, new { id, entryTime, pnl });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
