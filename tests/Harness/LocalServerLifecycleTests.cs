using System.Diagnostics;
using System.Text.Json;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Harness;

/// <summary>Starts its own local servers on throwaway data directories: restart, reuse and orphan handling.</summary>
public sealed class LocalServerLifecycleTests : IDisposable
{
    private readonly ServerHome home = new("lifecycle");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task ProvisionAsync_SameDataDirectoryAfterRestart_DataSurvives()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var first = await ProvisionLocalAsync(ct))
        {
            Assert.Equal("local:" + home.Path, first.Source);
            await first.EnsureDatabaseAsync("survivor", ct);
            await ExecuteAsync(first.ConnectionStringFor("survivor"), "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42);", ct);
        }

        Assert.False(File.Exists(Path.Combine(home.Path, "server.json")), "the stopped server's state file is removed");
        await using var second = await ProvisionLocalAsync(ct);

        Assert.Equal(42L, await ScalarAsync(second.ConnectionStringFor("survivor"), "SELECT v FROM kept", ct));
    }

    [Fact]
    public async Task ProvisionAsync_ServerRunningWithLiveOwner_ReusedNotRestarted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var owner = await ProvisionLocalAsync(ct);
        var pid = ReadState().Pid;

        await using (var shared = await ProvisionLocalAsync(ct))
        {
            Assert.Equal(pid, ReadState().Pid);
            Assert.Equal(1L, await ScalarAsync(shared.AdminConnectionString, "SELECT 1", ct));
        }

        // Disposing the borrower leaves the owner's server running.
        Assert.Equal(1L, await ScalarAsync(owner.AdminConnectionString, "SELECT 1", ct));
    }

    [Fact]
    public async Task ProvisionAsync_ServerLeftByDeadOwner_StoppedAndReplaced()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var abandoned = await ProvisionLocalAsync(ct);
        var state = ReadState();
        File.WriteAllText(Path.Combine(home.Path, "server.json"), JsonSerializer.Serialize(state with { OwnerPid = DeadPid() }));

        await using var replacement = await ProvisionLocalAsync(ct);

        var newState = ReadState();
        Assert.NotEqual(state.Pid, newState.Pid);
        Assert.Equal(Environment.ProcessId, newState.OwnerPid);
        Assert.False(ChildProcess.IsAlive(state.Pid, home.Path), "the orphan was stopped");
        Assert.Equal(1L, await ScalarAsync(replacement.AdminConnectionString, "SELECT 1", ct));
    }

    [Fact]
    public async Task RestartAsync_SmallPoolWithDirectIo_StartsEmptyOnTheSameAddressAndBackToUsual()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ProvisionLocalAsync(ct);
        Assert.True(server.CanRestart);
        await server.EnsureDatabaseAsync("restarted", ct);
        var database = server.ConnectionStringFor("restarted");
        await ExecuteAsync(database, "CREATE TABLE t (id INT PRIMARY KEY, pad CHAR(200)); INSERT INTO t SELECT seq, 'x' FROM seq_1_to_20000;", ct);
        await ScalarAsync(database, "SELECT COUNT(*) FROM t", ct);
        var pid = ReadState().Pid;

        var restarted = await server.RestartAsync(new ServerRestart(BufferPoolBytes: 32L << 20, DirectIo: true), ct);

        Assert.NotEqual(pid, ReadState().Pid);
        Assert.Equal(32L << 20, restarted.BufferPoolBytes);
        Assert.Equal("O_DIRECT", restarted.FlushMethod);
        Assert.Equal(Environment.IsPrivilegedProcess, restarted.OsPageCacheDropped);
        // The same connection string reaches it, and the table's pages are no longer in the pool: reading it goes to the disk.
        var readsBefore = await ScalarAsync(database, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READS'", ct);
        Assert.Equal(20000L, await ScalarAsync(database, "SELECT COUNT(*) FROM t", ct));
        var readsAfter = await ScalarAsync(database, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READS'", ct);
        Assert.True(readsAfter - readsBefore >= 50, $"reading 20,000 rows after the restart read {readsAfter - readsBefore} pages from disk");

        var usual = await server.RestartAsync(ServerRestart.Usual, ct);
        Assert.Equal(64L << 20, usual.BufferPoolBytes);
        Assert.Equal(Environment.IsPrivilegedProcess, usual.OsPageCacheDropped);
        // An injected fault restarts the server as production would: the OS page cache stays.
        Assert.False((await server.RestartAsync(new ServerRestart(KeepOsPageCache: true), ct)).OsPageCacheDropped);
        // MariaDB ≥ 10.6 defaults to O_DIRECT itself; the usual settings are whatever the server had when provisioned.
        Assert.Equal(server.Settings["innodb_flush_method"], usual.FlushMethod);
    }

    [Fact]
    public async Task RestartAsync_BorrowedServer_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var owner = await ProvisionLocalAsync(ct);
        await using var borrowed = await ProvisionLocalAsync(ct);

        Assert.False(borrowed.CanRestart);
        await Assert.ThrowsAsync<InvalidOperationException>(() => borrowed.RestartAsync(ServerRestart.Usual, ct));
        Assert.Equal(1L, await ScalarAsync(owner.AdminConnectionString, "SELECT 1", ct));
    }

    private Task<ProvisionedServer> ProvisionLocalAsync(CancellationToken ct) => PrivateServer.ProvisionAsync(home.Path, ct);

    private LocalServerState ReadState() => LocalServerState.TryRead(Path.Combine(home.Path, "server.json")) ?? throw new InvalidOperationException("no server.json");

    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
