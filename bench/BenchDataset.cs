using Dapper;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>Makes sure the variant databases hold the dataset a run measures.</summary>
public static class BenchDataset
{
    /// <summary>Seeds (or reuses) the dataset, or with <see cref="BenchOptions.Seed"/> off takes the databases as they are.</summary>
    public static async Task<PreparedDataset> PrepareAsync(ProvisionedServer server, BenchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        var databases = Enum.GetValues<SchemaVariant>().ToDictionary(v => v, v => VariantDatabase.Name(options.Prefix, v));
        if (options.Seed)
        {
            var seeded = await BenchSeeding.SeedAsync(server, options, databases, cancellationToken).ConfigureAwait(false);
            foreach (var (variant, database) in databases)
            {
                await using var admin = new MySqlConnection(server.ConnectionStringFor(database));
                await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
                foreach (var change in await VariantIndexes.ReconcileAsync(admin, variant, cancellationToken).ConfigureAwait(false))
                {
                    Console.Error.WriteLine($"bench: indexes: {database}.{change}");
                }
            }

            return seeded;
        }

        await using var connection = new MySqlConnection(server.ConnectionStringFor(databases[SchemaVariant.Composite]));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in TelemetryTable.Live)
        {
            counts[table.Name] = await connection.ExecuteScalarAsync<long>(
                new CommandDefinition($"SELECT COUNT(*) FROM `{table.Name}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        // Counted as found; seed, scale and checksum as the seeder recorded them, when it filled these databases.
        var recorded = await SeededDataset.DescribeAsync(connection, cancellationToken).ConfigureAwait(false);
        return new PreparedDataset(databases, recorded is null ? new DatasetInfo(0, "as found (--no-seed)", counts, null) : recorded with { RowCounts = counts });
    }
}
