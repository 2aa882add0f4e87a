using System.Security.Cryptography;
using Dapper;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Seed;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;

namespace Perf.Tests.Seed;

/// <summary>A database prefix (unique unless given) for one test's variant databases, dropped afterwards.</summary>
internal sealed class SeedDatabases(ProvisionedServer server, string? prefix = null) : IAsyncDisposable
{
    public string Prefix { get; } = prefix ?? "seedt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public ProvisionedServer Server => server;

    public string Name(SchemaVariant variant) => VariantDatabase.Name(Prefix, variant);

    public SeedOptions Options(long trades = 20_000, long seed = 7, int chunkRows = 50_000, params SchemaVariant[] variants) => new()
    {
        Seed = seed,
        Scale = "test",
        Profiles = 12,
        From = new DateOnly(2024, 1, 1),
        To = new DateOnly(2024, 4, 1),
        Trades = trades,
        Symbols = 60,
        HealthIntervalMinutes = 60,
        Variants = variants.Length == 0 ? [SchemaVariant.Basic] : variants,
        DatabasePrefix = Prefix,
        ChunkRows = chunkRows,
    };

    public async Task<MySqlConnection> OpenAsync(SchemaVariant variant)
    {
        var connection = new MySqlConnection(server.ConnectionStringFor(Name(variant)) + ";DateTimeKind=Utc");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public async Task<List<Trade>> ReadTradesAsync(SchemaVariant variant)
    {
        await using var connection = await OpenAsync(variant);
        var rows = await connection.QueryAsync<Trade>("""
            SELECT id AS Id, profile_id AS ProfileId, symbol AS Symbol, trade_type AS TradeType, side AS Side,
                   entry_time AS EntryTime, exit_time AS ExitTime, entry_price AS EntryPrice, exit_price AS ExitPrice,
                   quantity AS Quantity, pnl AS Pnl, pnl_percent AS PnlPercent, exit_reason AS ExitReason
            FROM dd_trade_performance ORDER BY id
            """);
        return [.. rows];
    }

    public async Task<List<HealthSample>> ReadHealthAsync(SchemaVariant variant)
    {
        await using var connection = await OpenAsync(variant);
        var rows = await connection.QueryAsync<HealthSample>("""
            SELECT id AS Id, profile_id AS ProfileId, script_name AS ScriptName, `timestamp` AS Timestamp, status AS Status,
                   cpu_percent AS CpuPercent, memory_mb AS MemoryMb, latency_ms AS LatencyMs, error_count AS ErrorCount, message AS Message
            FROM dd_system_health ORDER BY id
            """);
        return [.. rows];
    }

    public async Task<long> CountAsync(SchemaVariant variant, TelemetryTable table)
    {
        await using var connection = await OpenAsync(variant);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{table.Name}`");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var variant in Enum.GetValues<SchemaVariant>())
        {
            await server.DropDatabaseAsync(Name(variant), CancellationToken.None);
            await server.DropDatabaseAsync(ReplacedTables.AsideName(Name(variant)), CancellationToken.None);
        }
    }
}
