using Dapper;
using MySqlConnector;
using Perf.Bench.Archive;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary><c>bench archive</c> on a real server and small data: both paths archive the same trades, and the run is written.</summary>
public sealed class ArchiveBenchmarkTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task Run_BothPaths_ArchiveTheSameTradesAndWriteResults()
    {
        var server = fixture.RequireServer();
        var results = Path.Combine(Path.GetTempPath(), "perf-archive-" + Guid.NewGuid().ToString("N"));
        var options = Options(server, results, rows: 3000, keep: true);
        try
        {
            var runs = await ArchiveBenchmark.RunAsync(options, ["archive"], TestContext.Current.CancellationToken);

            var (rows, partitions) = (runs.Single(r => r.Variant == SchemaVariant.Composite), runs.Single(r => r.Variant == SchemaVariant.Partitioned));
            Assert.InRange(rows.RowsArchived, 1000, 2000);
            Assert.Equal((0, rows.RowsArchived), (rows.WholeMonths, rows.RowPathRows));

            // The cutoff (2025-12-01) is a month boundary: the partition path moves the 12 months before it whole.
            Assert.Equal((rows.RowsArchived, 12, 0L), (partitions.RowsArchived, partitions.WholeMonths, partitions.RowPathRows));
            Assert.True(File.Exists(Path.Combine(results, "archive.md")));
            Assert.True(File.Exists(Path.Combine(results, "archive.json")));

            // Kept, the two databases show which trades each path archived: the same ids, exactly those before the cutoff.
            var cutoff = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
            var archived = new Dictionary<SchemaVariant, List<long>>();
            foreach (var variant in options.Variants)
            {
                await using var connection = new MySqlConnection(server.ConnectionStringFor(VariantDatabase.Name(ArchiveBenchmark.Prefix, variant)));
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                archived[variant] = (await connection.QueryAsync<long>("SELECT id FROM dd_trade_performance_archive ORDER BY id")).AsList();
                var (newestArchived, oldestLive) = await connection.QuerySingleAsync<(DateTime, DateTime)>(
                    "SELECT (SELECT MAX(entry_time) FROM dd_trade_performance_archive), (SELECT MIN(entry_time) FROM dd_trade_performance)");
                Assert.True(newestArchived < cutoff && oldestLive >= cutoff, $"{variant}: newest archived {newestArchived:O}, oldest live {oldestLive:O}");
            }

            Assert.Equal(rows.RowsArchived, archived[SchemaVariant.Composite].Count);
            Assert.Equal(archived[SchemaVariant.Composite], archived[SchemaVariant.Partitioned]);
        }
        finally
        {
            foreach (var variant in options.Variants)
            {
                await server.DropDatabaseAsync(VariantDatabase.Name(ArchiveBenchmark.Prefix, variant), CancellationToken.None);
            }

            if (Directory.Exists(results))
            {
                Directory.Delete(results, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Run_NotKept_DropsItsDatabases()
    {
        var server = fixture.RequireServer();
        var results = Path.Combine(Path.GetTempPath(), "perf-archive-" + Guid.NewGuid().ToString("N"));
        var options = Options(server, results, rows: 300, keep: false);
        try
        {
            var runs = await ArchiveBenchmark.RunAsync(options, ["archive"], TestContext.Current.CancellationToken);

            Assert.Equal(2, runs.Count);
            await using var connection = new MySqlConnection(server.AdminConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE CONCAT(@prefix, '%')", new { prefix = ArchiveBenchmark.Prefix + "_" }));
        }
        finally
        {
            if (Directory.Exists(results))
            {
                Directory.Delete(results, recursive: true);
            }
        }
    }

    /// <summary>Composite and Partitioned, 24 months up to 2026-12-01 under the default retention, on the fixture's server.</summary>
    private static ArchiveBenchOptions Options(ProvisionedServer server, string results, int rows, bool keep) => new(
        Rows: rows,
        Months: 24,
        Now: new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
        Variants: [SchemaVariant.Composite, SchemaVariant.Partitioned],
        Policy: RetentionPolicy.Default,
        Retention: new RetentionOptions { Pause = TimeSpan.Zero },
        Api: null,
        IdleSeconds: 1,
        Keep: keep,
        ResultsDirectory: results,
        Provisioning: new ProvisioningOptions { ConnectionString = server.AdminConnectionString, AllowTestcontainers = false, AllowLocalServer = false });
}
