using Dapper;
using MySqlConnector;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;
using Perf.Tests.CommandLine;
using Perf.Tests.Infrastructure;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>
/// A server whose query cache is on (one the harness did not start): plan capture's counters stay exact, and every command
/// that times reads refuses it before writing anything.
/// </summary>
[Collection(RunsFolderGroup.Name)]
public sealed class QueryCacheServerTests : IDisposable
{
    private readonly ServerHome home = new("query-cache");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task TimingCommands_QueryCacheOnGlobally_RefusedBeforeWritingAnything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartMariaDbAsync(ct);

        // Off, as on every server the harness starts: nothing to refuse.
        Assert.Null(server.QueryCacheProblem("the suite"));
        await TurnQueryCacheOnAsync(server, ct);
        var runs = RunsFolderGroup.RunDirectories();
        var mysql = "--mysql|" + server.AdminConnectionString;

        string[] bench = ["--preset|small", "statements", "report|--sizes|1k", "ci|--only|load"];
        foreach (var args in bench)
        {
            var (code, error) = await BadInputTests.RunBenchAsync(args + "|" + mysql);
            Assert.True(code == ExitCodes.UsageError && error.Contains("query cache is on (query_cache_type=ON, query_cache_size=1048576)", StringComparison.Ordinal), $"bench {args}: exit {code}, {error}");
        }

        var (loadCode, loadError) = await BadInputTests.RunLoadAsync("run|--variant|composite|--rate|10|--duration|2s|" + mysql);
        BadInputTests.AssertUsageError(loadCode, loadError, "load", "it would answer the load's repeated reads without touching InnoDB");
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
    }

    [Fact]
    public async Task Capture_QueryCacheOnGlobally_CountsTheRowsItReadsEveryTime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartMariaDbAsync(ct);
        await server.EnsureDatabaseAsync("qc", ct);
        await using (var setup = new MySqlConnection(server.ConnectionStringFor("qc")))
        {
            await setup.OpenAsync(ct);
            await setup.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB; INSERT INTO t SELECT seq, seq % 7 FROM seq_1_to_500");
        }

        await TurnQueryCacheOnAsync(server, ct);

        // A session takes the global setting when it starts: this one has the cache on.
        await using var connection = new MySqlConnection(server.ConnectionStringFor("qc"));
        await connection.OpenAsync(ct);
        var capture = new PlanCapture(connection, server.Info.Flavor);

        var first = await capture.CaptureAsync(new SqlCase("SELECT id FROM t WHERE v = 3"), SchemaVariant.Basic, ct);
        var again = await capture.CaptureAsync(new SqlCase("SELECT id FROM t WHERE v = 3"), SchemaVariant.Basic, ct);

        // A full scan of 500 rows returning 72, each time: from the cache the measured run would have read none.
        Assert.Equal((72L, 72L), (first.RowsReturned, again.RowsReturned));
        Assert.True(first.RowsRead >= 500 && again.RowsRead == first.RowsRead, $"rows read {first.RowsRead}, then {again.RowsRead}");
    }

    /// <summary>The test's own server; MariaDB only (MySQL 8 has no query cache).</summary>
    private async Task<ProvisionedServer> StartMariaDbAsync(CancellationToken ct)
    {
        var server = await PrivateServer.ProvisionAsync(home.Path, ct);
        if (server.Info.Flavor != ServerFlavor.MariaDb)
        {
            await server.DisposeAsync();
            Assert.Skip("MySQL 8 has no query cache");
        }

        return server;
    }

    /// <summary>Turns the query cache on for every new session, as a server configured by someone else may run (the harness starts its own with it off).</summary>
    private static async Task TurnQueryCacheOnAsync(ProvisionedServer server, CancellationToken ct)
    {
        await using var setup = new MySqlConnection(server.AdminConnectionString);
        await setup.OpenAsync(ct);
        await setup.ExecuteAsync("SET GLOBAL query_cache_size = 1048576, GLOBAL query_cache_type = ON");
    }

    /// <summary>A case of plain SQL, for capturing a plan outside the catalog.</summary>
    private sealed record SqlCase(string Sql) : QueryCase("sql")
    {
        public override CommandDefinition Command => new(Sql);

        public override string Parameters => string.Empty;

        public override Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken) => throw new NotSupportedException("captured only");
    }
}
