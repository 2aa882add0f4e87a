using Dapper;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>Makes sure the variant databases hold the dataset a run measures.</summary>
public static class BenchDataset
{
    private const string AnyTradeSql = "SELECT 1 FROM dd_trade_performance LIMIT 1";

    /// <summary>Seeds (or reuses) the dataset, or with <see cref="BenchOptions.Seed"/> off takes the databases as they are.</summary>
    /// <exception cref="UsageException">With <see cref="BenchOptions.Seed"/> off, a variant database is missing or holds no trades.</exception>
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

        try
        {
            // Every variant must hold trades: the queries, and choosing their parameters, need them.
            foreach (var database in databases.Values)
            {
                await using var variant = new MySqlConnection(server.ConnectionStringFor(database));
                await variant.OpenAsync(cancellationToken).ConfigureAwait(false);
                if (await variant.ExecuteScalarAsync<int?>(new CommandDefinition(AnyTradeSql, cancellationToken: cancellationToken)).ConfigureAwait(false) is null)
                {
                    throw NotSeeded(options.Prefix, $"{database} holds no trades");
                }
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
        catch (MySqlException ex) when (SeededDataset.IsMissing(ex))
        {
            throw NotSeeded(options.Prefix, ex.Message, ex);
        }
    }

    private static UsageException NotSeeded(string prefix, string problem, Exception? inner = null) =>
        new($"--no-seed: {problem}; run without --no-seed to seed {prefix}_*, or name seeded databases with --prefix.", inner!);
}
