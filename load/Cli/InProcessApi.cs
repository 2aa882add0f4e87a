using System.Globalization;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Load.Reports;
using Perf.Load.Scenarios;
using Perf.Seed;
using Telemetry.Api;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Load.Cli;

/// <summary>Hosts the real telemetry API on 127.0.0.1 over the provisioned server's seeded variant database.</summary>
internal static class InProcessApi
{
    private const string DataFactsSql = """
        SELECT MIN(profile_id), MAX(profile_id), MAX(entry_time),
               (SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dd_trade_performance'),
               (SELECT CAST(SUM(DATA_LENGTH + INDEX_LENGTH) AS SIGNED) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE())
        FROM dd_trade_performance
        """;

    private const string ScriptsSql = """
        SELECT script_name FROM dd_system_health WHERE profile_id = @profile GROUP BY script_name ORDER BY script_name LIMIT 20
        """;

    /// <summary>
    /// Provisions the server, restarts it when the cache state asks for it, checks the variant has seeded trades, and starts
    /// the API with a read-only account.
    /// </summary>
    public static async Task<LoadTarget> StartAsync(InProcessOptions options, TrafficOptions traffic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = await ProvisionAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            RestartedServer? restarted = null;
            CountedDataset? counted = null;
            if (options.Restart is { } restart)
            {
                var state = options.CacheState.ToString().ToLowerInvariant();
                if (!server.CanRestart)
                {
                    throw new UsageException($"--cache-state {state} restarts the in-process API's database: it needs a local server this run starts; without --mysql/PERF_MYSQL, and with no other process running the server on its data directory.");
                }

                // Counted before the restart: counting reads a whole index of every live table, which would fill the pool
                // the restart empties for this cache state.
                counted = new CountedDataset(await CountAsync(server, VariantDatabase.Name(options.DatabasePrefix, options.Variant), cancellationToken).ConfigureAwait(false));
                restarted = await server.RestartAsync(restart, cancellationToken).ConfigureAwait(false);
            }

            var target = await StartOnAsync(server, options, traffic, counted, cancellationToken).ConfigureAwait(false);
            var cache = restarted is null
                ? target.Cache
                : target.Cache! with { Condition = new CacheCondition(options.CacheState, restarted.BufferPoolBytes, restarted.FlushMethod, restarted.OsPageCacheDropped) };
            return target with { Owner = new Owners(target.Owner!, server), Cache = cache };
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Finds or starts the server the in-process API reads; a missing one is a configuration error.</summary>
    public static async Task<ProvisionedServer> ProvisionAsync(InProcessOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
        }
        catch (ProvisioningException ex)
        {
            throw new UsageException("No --url given and no database server for the in-process API: " + ex.Message, ex);
        }
    }

    /// <summary>Starts the API over <paramref name="server"/>, which the caller keeps owning: the target's owner stops only the API.</summary>
    public static Task<LoadTarget> StartOnAsync(ProvisionedServer server, InProcessOptions options, TrafficOptions traffic, CancellationToken cancellationToken) =>
        StartOnAsync(server, options, traffic, null, cancellationToken);

    /// <param name="server">The server, which the caller keeps owning.</param>
    /// <param name="options">The in-process API's options.</param>
    /// <param name="traffic">The traffic, fitted here to the seeded profiles.</param>
    /// <param name="counted">The dataset as counted already (before a restart, or by another API over the same tables); null to count it now.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    internal static async Task<LoadTarget> StartOnAsync(ProvisionedServer server, InProcessOptions options, TrafficOptions traffic, CountedDataset? counted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(traffic);
        if (server.QueryCacheProblem("the load") is { } queryCache)
        {
            throw new UsageException(queryCache);
        }

        var database = VariantDatabase.Name(options.DatabasePrefix, options.Variant);
        var (dataTraffic, dataset, databaseBytes, seeded) = await ReadDataFactsAsync(server, database, traffic, counted, cancellationToken).ConfigureAwait(false);
        var (poolBytes, flushMethod) = await server.ReadBufferPoolAsync(cancellationToken).ConfigureAwait(false);
        var connectionString = await server.CreateReadOnlyAccountAsync([database], cancellationToken).ConfigureAwait(false);
        var redis = options.Caching ? await FindRedisAsync(options.Provisioning, cancellationToken).ConfigureAwait(false) : null;
        var api = await TelemetryApiHost.StartAsync(
            new TelemetryApiOptions
            {
                ConnectionString = connectionString,
                RedisConfiguration = redis?.Configuration,
                // A database seeded anew under the same name must not be answered from the previous data's Redis entries.
                CacheDataIdentity = seeded?.ContentIdentity,
                EnableCaching = options.Caching,
            },
            cancellationToken).ConfigureAwait(false);
        var caching = (options.Caching, redis) switch
        {
            (false, _) => ", caching off",
            (true, null) => ", in-process cache",
            (true, { } r) => $", in-process cache over {r}",
        };
        var description = $"in-process API {api.BaseAddress} over {server.Info} ({server.Source}), database {database}{caching}";
        var cache = new LoadCache(new CacheCondition(CacheState.Warm, poolBytes, flushMethod, null), databaseBytes, server.CanRestart, null);
        return new LoadTarget(api.BaseAddress, description, server, redis, dataset, dataTraffic, api, cache, seeded);
    }

    /// <summary>The Redis named with <c>--redis</c> or <c>PERF_REDIS</c>, checked to answer; none is started for a load run.</summary>
    private static async Task<ProvisionedRedis?> FindRedisAsync(ProvisioningOptions provisioning, CancellationToken cancellationToken)
    {
        try
        {
            return await RedisProvisioner.FindConfiguredAsync(provisioning, cancellationToken).ConfigureAwait(false);
        }
        catch (ProvisioningException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    /// <summary>The seeded dataset of <paramref name="database"/> as its live tables are now (<see cref="SeededDataset.DescribeAsFoundAsync"/>).</summary>
    private static async Task<DatasetInfo?> CountAsync(ProvisionedServer server, string database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(server, database, cancellationToken).ConfigureAwait(false);
            return await SeededDataset.DescribeAsFoundAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (SeededDataset.IsMissing(ex))
        {
            throw NotSeeded(database, ex);
        }
    }

    private static async Task<MySqlConnection> OpenAsync(ProvisionedServer server, string database, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(server.ConnectionStringFor(database)) { ConnectionTimeout = 10 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(TrafficOptions Traffic, string Dataset, long DatabaseBytes, DatasetInfo? Seeded)> ReadDataFactsAsync(ProvisionedServer server, string database, TrafficOptions traffic, CountedDataset? counted, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(server, database, cancellationToken).ConfigureAwait(false);
            await using var command = new MySqlCommand(DataFactsSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(0))
            {
                throw NotSeeded(database);
            }

            var first = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var last = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            var newest = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
            var rows = reader.IsDBNull(3) ? 0 : Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
            var bytes = reader.IsDBNull(4) ? 0 : Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture);
            var count = (int)Math.Min(int.MaxValue, last - first + 1);
            await reader.DisposeAsync().ConfigureAwait(false);
            var scripts = await ReadScriptsAsync(connection, first, cancellationToken).ConfigureAwait(false);
            var seeded = counted is { } before ? before.Dataset : await SeededDataset.DescribeAsFoundAsync(connection, cancellationToken).ConfigureAwait(false);
            var dataTraffic = traffic with
            {
                FirstProfileId = first,
                ProfileCount = count,
                HotProfileCount = Math.Min(traffic.HotProfileCount, count),
                Anchor = new DateTimeOffset(newest),
                Scripts = scripts.Count > 0 ? scripts : traffic.Scripts,
            };
            var dataset = string.Create(CultureInfo.InvariantCulture, $"{database}: ~{rows:N0} trades, profiles {first}-{last}, newest {newest:yyyy-MM-ddTHH:mm:ssZ}");
            return (dataTraffic, dataset, bytes, seeded);
        }
        catch (MySqlException ex) when (SeededDataset.IsMissing(ex))
        {
            throw NotSeeded(database, ex);
        }
    }

    private static async Task<List<string>> ReadScriptsAsync(MySqlConnection connection, long profile, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(ScriptsSql, connection);
        command.Parameters.AddWithValue("@profile", profile);
        var scripts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            scripts.Add(reader.GetString(0));
        }

        return scripts;
    }

    private static UsageException NotSeeded(string database, Exception? inner = null) =>
        new($"Database '{database}' has no seeded trades. Seed it first (dotnet run -c Release --project seed, or ./perf run), pick another --variant, or pass --url.", inner!);

    private sealed class Owners(IAsyncDisposable api, IAsyncDisposable server) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await api.DisposeAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A dataset counted already (its <see cref="Dataset"/> null when the seeder recorded none there).</summary>
    internal sealed record CountedDataset(DatasetInfo? Dataset);
}
