using System.Collections.Concurrent;
using Dapper;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Seed;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Seed;

/// <summary>
/// The server's estimate of an index build, on a private server (the shared one runs other tests' ALTERs, which would make
/// the estimate belong to nobody): passed on while the build is the server's only ALTER, never while another waits beside it
/// or began between two polls, and never for a partitioned table, whose build publishes each partition's estimate in turn.
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

    [Fact]
    public async Task Watch_PartitionedTable_NoEstimate()
    {
        await using var server = await PrivateServer.ProvisionAsync(home.Path, Cancel);
        await using var dataSource = await CreateDatabaseAsync(server);
        await CreateTableAsync(dataSource, "parts", partitions: "PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (500001), PARTITION p1 VALUES LESS THAN (1000001), PARTITION p2 VALUES LESS THAN MAXVALUE)");
        await CreateTableAsync(dataSource, "whole");
        var partitioned = new ConcurrentQueue<double>();
        var whole = new ConcurrentQueue<double>();

        await using (await IndexBuildWatch.StartAsync(dataSource, Database, "parts", Interval, partitioned.Enqueue, Cancel))
        {
            await AddIndexAsync(dataSource, "parts");
        }

        // The same rows in one tablespace, watched the same way: the server does publish an estimate here.
        await using (await IndexBuildWatch.StartAsync(dataSource, Database, "whole", Interval, whole.Enqueue, Cancel))
        {
            await AddIndexAsync(dataSource, "whole");
        }

        Assert.Empty(partitioned);
        Assert.Contains(whole, e => e is > 0 and < 1);
    }

    [Fact]
    public void EstimateOf_OnlyThisBuildBetweenPolls_TheFigureAsAFraction()
    {
        var before = new IndexBuildWatch.Poll(Alters: 1, Ours: 1, BegunBefore: 40, BegunAfter: 40, Figure: 2500);

        Assert.Equal(0.3, IndexBuildWatch.EstimateOf(before, before with { Figure = 3000 }));
        Assert.Equal(1, IndexBuildWatch.EstimateOf(before, before with { Figure = 12000 }));
    }

    [Fact]
    public void EstimateOf_AnAlterBegunBetweenPolls_None()
    {
        // A short ALTER can start and end between two polls, unseen in the process list, and write the server's figure:
        // begun between the polls, or within either of them.
        var before = new IndexBuildWatch.Poll(Alters: 1, Ours: 1, BegunBefore: 40, BegunAfter: 40, Figure: 2500);

        Assert.Null(IndexBuildWatch.EstimateOf(before, before with { BegunBefore = 41, BegunAfter = 41, Figure = 0 }));
        Assert.Null(IndexBuildWatch.EstimateOf(before with { BegunAfter = 41 }, before with { BegunBefore = 41, BegunAfter = 41, Figure = 0 }));
        Assert.Null(IndexBuildWatch.EstimateOf(before, before with { BegunAfter = 41, Figure = 0 }));
    }

    [Fact]
    public void EstimateOf_AnotherAlterRunningOrTheFigureStill_None()
    {
        var before = new IndexBuildWatch.Poll(Alters: 1, Ours: 1, BegunBefore: 40, BegunAfter: 40, Figure: 2500);

        Assert.Null(IndexBuildWatch.EstimateOf(before with { Alters = 2 }, before with { Figure = 3000 }));
        Assert.Null(IndexBuildWatch.EstimateOf(before, before with { Alters = 2, Figure = 3000 }));
        Assert.Null(IndexBuildWatch.EstimateOf(before, before with { Ours = 0, Figure = 3000 }));
        Assert.Null(IndexBuildWatch.EstimateOf(before, before));
    }

    private static async Task<MySqlDataSource> CreateDatabaseAsync(ProvisionedServer server)
    {
        await server.EnsureDatabaseAsync(Database, Cancel);
        return new MySqlDataSource(server.ConnectionStringFor(Database));
    }

    /// <summary>A table of <paramref name="rows"/> narrow rows (the sequence engine fills it at once), whose index build takes seconds here.</summary>
    private static async Task CreateTableAsync(MySqlDataSource dataSource, string table, int rows = 1_500_000, string partitions = "")
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY, a INT NOT NULL, b INT NOT NULL, c CHAR(24) NOT NULL) ENGINE=InnoDB {partitions}");
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
