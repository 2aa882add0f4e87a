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
        var options = new ArchiveBenchOptions(
            Rows: 3000,
            Months: 24,
            Now: new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
            Variants: [SchemaVariant.Composite, SchemaVariant.Partitioned],
            Policy: RetentionPolicy.Default,
            Retention: new RetentionOptions { Pause = TimeSpan.Zero },
            Api: null,
            IdleSeconds: 1,
            Keep: false,
            ResultsDirectory: results,
            Provisioning: new ProvisioningOptions { ConnectionString = server.AdminConnectionString, AllowTestcontainers = false, AllowLocalServer = false });
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
            await using var connection = new MySqlConnection(server.AdminConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var left = new MySqlCommand($"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '{ArchiveBenchmark.Prefix}%'", connection);
            Assert.Equal(0L, await left.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            if (Directory.Exists(results))
            {
                Directory.Delete(results, recursive: true);
            }
        }
    }
}
