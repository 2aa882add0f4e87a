using Dapper;
using MySqlConnector;
using Perf.Seed;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Tests.Seed;

/// <summary>The one checked LOAD DATA the seeder, its metric windows and bench-load's plain side load through, on the real server: LOCAL turns bad rows into warnings, which must not pass.</summary>
public sealed class LoadDataTextServerTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task LoadAsync_EveryLineIn_ReturnsTheRows_TheRowsAsWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var databases = new SeedDatabases(fixture.RequireServer());
        await using var connection = await CreateAsync(databases);
        var trades = TestTrades.Generate(50, profiles: 3, days: 4);

        var inserted = await new LoadDataText<Trade>(TelemetryColumns.TradesWithId).LoadAsync(connection, null, TelemetryTable.Trades, Lines(trades), trades.Count, ct);

        Assert.Equal(50, inserted);
        Assert.Equal(trades, await databases.ReadTradesAsync(SchemaVariant.Basic));
    }

    /// <summary>A side too long for its column goes in cut short with a warning; a load that reads fewer rows than asked for is short.</summary>
    [Theory]
    [InlineData("warning", 3)]
    [InlineData("short", 4)]
    public async Task LoadAsync_AWarningOrFewerRows_Throws_TheCallersTransactionRollsItBack(string kind, int rows)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var databases = new SeedDatabases(fixture.RequireServer());
        await using var connection = await CreateAsync(databases);
        var trades = TestTrades.Generate(3, profiles: 1, days: 1).ToList();
        if (kind == "warning")
        {
            trades[1] = trades[1] with { Side = "sideways" };
        }

        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var error = await Assert.ThrowsAsync<BulkWriteException>(() =>
                new LoadDataText<Trade>(TelemetryColumns.TradesWithId).LoadAsync(connection, transaction, TelemetryTable.Trades, Lines(trades), rows, ct));
            Assert.Equal($"Loading dd_trade_performance inserted 3 of {rows} rows with {(kind == "warning" ? 1 : 0)} warning(s).", error.Message);
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance"));
    }

    private static async Task<MySqlConnection> CreateAsync(SeedDatabases databases)
    {
        await using (var admin = new MySqlConnection(databases.Server.AdminConnectionString))
        {
            await admin.ExecuteAsync($"CREATE DATABASE `{databases.Name(SchemaVariant.Basic)}`");
        }

        var connection = await databases.OpenAsync(SchemaVariant.Basic);
        await SchemaBuilder.BuildAsync(connection, SchemaVariant.Basic, null, TestContext.Current.CancellationToken);
        return connection;
    }

    private static MemoryStream Lines(IEnumerable<Trade> trades)
    {
        var text = new LoadDataText<Trade>(TelemetryColumns.TradesWithId);
        var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            foreach (var trade in trades)
            {
                text.Write(writer, trade);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
