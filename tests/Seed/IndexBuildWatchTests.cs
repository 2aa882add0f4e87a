using System.Collections.Concurrent;
using Dapper;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Seed;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Seed;

/// <summary>
/// The server's estimate of an index build, on a private server (the shared one runs other tests' ALTERs, which would make
/// the estimate belong to nobody): passed on while the build is the server's only ALTER, and never while another waits beside it.
/// </summary>
public sealed class IndexBuildWatchTests : IDisposable
{
    private const string Database = "watch";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly ServerHome home = new("indexwatch");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task Watch_TheOnlyAlter_EstimatesBetweenStartAndEnd()
    {
        await using var server = await PrivateServer.ProvisionAsync(home.Path, Cancel);
        await using var dataSource = await CreateDatabaseAsync(server);
        await CreateTableAsync(dataSource, "t");
        var estimates = new ConcurrentQueue<double>();

        await using (await IndexBuildWatch.StartAsync(dataSource, Database, "t", Interval, estimates.Enqueue, Cancel))
        {
            await AddIndexAsync(dataSource, "t");
        }

        Assert.NotEmpty(estimates);
        Assert.All(estimates, e => Assert.InRange(e, 0, 1));
        Assert.Contains(estimates, e => e is > 0 and < 1);
    }

    [Fact]
    public async Task Watch_AnotherAlterBeside_NoEstimate()
    {
        await using var server = await PrivateServer.ProvisionAsync(home.Path, Cancel);
        await using var dataSource = await CreateDatabaseAsync(server);
        await CreateTableAsync(dataSource, "t");
        await CreateTableAsync(dataSource, "other", rows: 10);
        var estimates = new ConcurrentQueue<double>();

        // Another session's ALTER waits on the table lock this session holds for as long as the build runs.
        await using var holder = await dataSource.OpenConnectionAsync(Cancel);
        await holder.ExecuteAsync("LOCK TABLES other WRITE");
        await using var waiter = await dataSource.OpenConnectionAsync(Cancel);
        var waiting = waiter.ExecuteAsync(new CommandDefinition("ALTER TABLE `other` ADD INDEX (a), ALGORITHM=INPLACE, LOCK=NONE", cancellationToken: Cancel));
        await WaitForAlterAsync(dataSource, "other");

        await using (await IndexBuildWatch.StartAsync(dataSource, Database, "t", Interval, estimates.Enqueue, Cancel))
        {
            await AddIndexAsync(dataSource, "t");
        }

        await holder.ExecuteAsync("UNLOCK TABLES");
        await waiting;
        Assert.Empty(estimates);
    }

    private static async Task<MySqlDataSource> CreateDatabaseAsync(ProvisionedServer server)
    {
        await server.EnsureDatabaseAsync(Database, Cancel);
        return new MySqlDataSource(server.ConnectionStringFor(Database));
    }

    /// <summary>A table of <paramref name="rows"/> narrow rows (the sequence engine fills it at once), whose index build takes seconds here.</summary>
    private static async Task CreateTableAsync(MySqlDataSource dataSource, string table, int rows = 1_500_000)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY, a INT NOT NULL, b INT NOT NULL, c CHAR(24) NOT NULL) ENGINE=InnoDB");
        await connection.ExecuteAsync(new CommandDefinition($"INSERT INTO `{table}` SELECT seq, seq * 7919 % 100003, seq * 104729 % 1009, LEFT(SHA1(seq), 24) FROM seq_1_to_{rows}", commandTimeout: 0, cancellationToken: Cancel));
    }

    private static async Task AddIndexAsync(MySqlDataSource dataSource, string table)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync(new CommandDefinition($"ALTER TABLE `{table}` ADD INDEX ix_abc (c, a, b), ADD INDEX ix_ba (b, a), ALGORITHM=INPLACE, LOCK=NONE", commandTimeout: 0, cancellationToken: Cancel));
    }

    private static async Task WaitForAlterAsync(MySqlDataSource dataSource, string table)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);
        while (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE @statement", new { statement = $"ALTER TABLE `{table}`%" }) == 0)
        {
            await Task.Delay(50, Cancel);
        }
    }
}
