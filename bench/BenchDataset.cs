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
            // Every variant must hold trades (the queries, and choosing their parameters, need them), and the same rows:
            // what the variants' plans and timings differ by must be the schema alone.
            var counts = new Dictionary<SchemaVariant, SortedDictionary<string, long>>();
            var found = new Dictionary<SchemaVariant, DatasetInfo>();
            foreach (var (variant, database) in databases)
            {
                await using var connection = new MySqlConnection(server.ConnectionStringFor(database));
                await OpenAsFoundAsync(connection, options.Prefix, cancellationToken).ConfigureAwait(false);
                counts[variant] = await SeededDataset.CountLiveAsync(connection, cancellationToken).ConfigureAwait(false);

                // Counted as found; seed, scale and checksum as the seeder recorded them when it filled this database and
                // it still holds its rows. Rows added or archived since are another dataset, described by its counts.
                var recorded = await SeededDataset.DescribeAsync(connection, cancellationToken).ConfigureAwait(false);
                found[variant] = SeededDataset.AsFound(recorded, counts[variant], "--no-seed");
            }

            if (counts.Values.Select(Rows).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                throw new UsageException($"--no-seed: the variant databases hold different rows ({string.Join("; ", databases.Select(d => $"{d.Value}: {Rows(counts[d.Key])}"))}), so their plans and timings would not differ by the schema alone; reseed {options.Prefix}_* without --no-seed.");
            }

            // The manifest names one dataset for every variant: as many rows are not yet the same rows when their seeds,
            // checksums or catalogs differ (one reseeded, one loaded by other means, one changed since).
            if (found.Values.Select(d => d.Describe()).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                throw new UsageException($"--no-seed: the variant databases hold different datasets ({string.Join("; ", databases.Select(d => $"{d.Value}: {found[d.Key].Describe()}"))}), so no one dataset describes the run; reseed {options.Prefix}_* without --no-seed.");
            }

            return new PreparedDataset(databases, found[SchemaVariant.Composite]);
        }
        catch (MySqlException ex) when (SeededDataset.IsMissing(ex))
        {
            throw NotSeeded(options.Prefix, ex.Message, ex);
        }
    }

    /// <summary>Opens <paramref name="connection"/> on a variant database taken as it is (<c>--no-seed</c>), refusing one that is missing or holds no trades.</summary>
    /// <remarks>Before anything is measured or written: the queries, and choosing their parameters, need trades.</remarks>
    /// <exception cref="UsageException">The database or its trades table is missing, or it holds no trades.</exception>
    internal static async Task OpenAsFoundAsync(MySqlConnection connection, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(AnyTradeSql, cancellationToken: cancellationToken)).ConfigureAwait(false) is null)
            {
                throw NotSeeded(prefix, $"{connection.Database} holds no trades");
            }
        }
        catch (MySqlException ex) when (SeededDataset.IsMissing(ex))
        {
            throw NotSeeded(prefix, ex.Message, ex);
        }
    }

    private static string Rows(SortedDictionary<string, long> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    private static UsageException NotSeeded(string prefix, string problem, Exception? inner = null) =>
        new($"--no-seed: {problem}; run without --no-seed to seed {prefix}_*, or name seeded databases with --prefix.", inner!);
}
