using MySqlConnector;
using Telemetry.Data.Schema;

namespace Perf.Tests.Infrastructure;

/// <summary>The three schema variants built in fresh databases and filled with the same rows (same ids), rolled up.</summary>
public sealed class VariantSet
{
    private VariantSet(IReadOnlyDictionary<SchemaVariant, string> databases) => Databases = databases;

    /// <summary>The database of each variant.</summary>
    public IReadOnlyDictionary<SchemaVariant, string> Databases { get; }

    /// <summary>Builds the variants and loads <see cref="TestTrades"/> rows into each.</summary>
    public static async Task<VariantSet> CreateAsync(DatabaseServerFixture fixture, int trades, int profiles, int days)
    {
        var server = fixture.RequireServer();
        var rows = TestTrades.Generate(trades, profiles, days);
        var health = TestTrades.GenerateHealth(profiles, Math.Min(days, 20));
        var plan = PartitionPlan.Covering(TestTrades.Origin, TestTrades.Origin.AddDays(days), monthsAhead: 2);
        var databases = new Dictionary<SchemaVariant, string>();
        foreach (var variant in Enum.GetValues<SchemaVariant>())
        {
            var database = await fixture.CreateDatabaseAsync("variant_" + variant.ToString().ToLowerInvariant());
            await SeededDatabase.FillAsync(server.ConnectionStringFor(database), variant, plan, rows, health, days, TestContext.Current.CancellationToken);
            databases[variant] = database;
        }

        return new VariantSet(databases);
    }

    /// <summary>Opens an admin connection to a variant's database.</summary>
    public static async Task<MySqlConnection> OpenAsync(DatabaseServerFixture fixture, string database)
    {
        var connection = new MySqlConnection(fixture.RequireServer().ConnectionStringFor(database) + ";DateTimeKind=Utc");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
