using Dapper;
using MySqlConnector;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Tests.Infrastructure;
using Telemetry.Data;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>Plan capture on a server whose query cache is on (one the harness did not start): the counters stay exact.</summary>
public sealed class PlanCaptureQueryCacheTests : IDisposable
{
    private readonly ServerHome home = new("query-cache");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task Capture_QueryCacheOnGlobally_CountsTheRowsItReadsEveryTime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PrivateServer.ProvisionAsync(home.Path, ct);
        if (server.Info.Flavor != ServerFlavor.MariaDb)
        {
            Assert.Skip("MySQL 8 has no query cache");
        }

        await server.EnsureDatabaseAsync("qc", ct);
        await using (var setup = new MySqlConnection(server.ConnectionStringFor("qc")))
        {
            await setup.OpenAsync(ct);
            await setup.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB; INSERT INTO t SELECT seq, seq % 7 FROM seq_1_to_500");
            // As a server configured by someone else may run (the harness starts its own with the cache off).
            await setup.ExecuteAsync("SET GLOBAL query_cache_size = 1048576, GLOBAL query_cache_type = ON");
        }

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

    /// <summary>A case of plain SQL, for capturing a plan outside the catalog.</summary>
    private sealed record SqlCase(string Sql) : QueryCase("sql")
    {
        public override CommandDefinition Command => new(Sql);

        public override string Parameters => string.Empty;

        public override Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken) => throw new NotSupportedException("captured only");
    }
}
