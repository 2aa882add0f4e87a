using MySqlConnector;
using Perf.Tests.Infrastructure;
using Telemetry.Data;

namespace Perf.Tests.Harness;

public sealed class LocalServerTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task ProvisionAsync_ServerAvailable_AnswersSelectOne()
    {
        var server = fixture.RequireServer();
        await using var connection = new MySqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlCommand("SELECT 1", connection);

        var result = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1L, Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEmpty(server.Info.Version);
        Assert.Contains("innodb_buffer_pool_size", server.Settings.Keys);
        Assert.Contains("version", server.Settings.Keys);
    }

    [Fact]
    public async Task ProvisionAsync_LocalServer_KeepsItsTemporaryFilesInItsHome()
    {
        var server = fixture.RequireServer();
        if (!server.Source.StartsWith("local:", StringComparison.Ordinal))
        {
            Assert.Skip($"The server is not one the harness started ({server.Source}).");
        }

        await using var connection = new MySqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlCommand("SELECT @@tmpdir", connection);

        var tmpdir = (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(server.Source["local:".Length..], "tmp"), tmpdir);
    }

    [Fact]
    public async Task CreateReadOnlyAccountAsync_InsertAttempted_AccessDenied()
    {
        var server = fixture.RequireServer();
        var database = await fixture.CreateDatabaseAsync("readonly");
        var ct = TestContext.Current.CancellationToken;
        await using (var admin = new MySqlConnection(server.ConnectionStringFor(database)))
        {
            await admin.OpenAsync(ct);
            await using var create = new MySqlCommand("CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1);", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        var readOnly = await server.CreateReadOnlyAccountAsync([database], ct);
        var again = await server.CreateReadOnlyAccountAsync([database], ct);
        Assert.Equal(readOnly, again);

        await using var reader = new MySqlConnection(readOnly);
        await reader.OpenAsync(ct);
        await using var select = new MySqlCommand("SELECT COUNT(*) FROM t", reader);
        Assert.Equal(1L, Convert.ToInt64(await select.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
        await using var insert = new MySqlCommand("INSERT INTO t VALUES (2)", reader);
        var ex = await Assert.ThrowsAsync<MySqlException>(() => insert.ExecuteNonQueryAsync(ct));
        Assert.Equal(MySqlErrorCode.TableAccessDenied, ex.ErrorCode);
    }

    [Fact]
    public async Task CreateReadOnlyAccountAsync_TwoRuns_EachReadsOnlyItsDatabaseFromThisHostOnly()
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        var first = await fixture.CreateDatabaseAsync("ro_first");
        var second = await fixture.CreateDatabaseAsync("ro_second");
        foreach (var database in new[] { first, second })
        {
            await using var admin = new MySqlConnection(server.ConnectionStringFor(database));
            await admin.OpenAsync(ct);
            await using var create = new MySqlCommand("CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1);", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        var readsFirst = await server.CreateReadOnlyAccountAsync([first], ct);
        await server.CreateReadOnlyAccountAsync([second], ct);

        // The second run's grant did not widen the first run's account.
        await using (var reader = new MySqlConnection(readsFirst))
        {
            await reader.OpenAsync(ct);
            await using var other = new MySqlCommand($"SELECT COUNT(*) FROM `{second}`.t", reader);
            var ex = await Assert.ThrowsAsync<MySqlException>(() => other.ExecuteScalarAsync(ct));
            Assert.Contains(ex.ErrorCode, new[] { MySqlErrorCode.TableAccessDenied, MySqlErrorCode.DatabaseAccessDenied });
        }

        // Bound to the host this process connects from, never '%'; grants name only its database.
        await using var root = new MySqlConnection(server.AdminConnectionString);
        await root.OpenAsync(ct);
        var user = new MySqlConnectionStringBuilder(readsFirst).UserID;
        await using var hosts = new MySqlCommand("SELECT Host, SUBSTRING_INDEX(USER(), '@', -1) FROM mysql.user WHERE User = @user", root);
        hosts.Parameters.AddWithValue("@user", user);
        string host;
        await using (var rows = await hosts.ExecuteReaderAsync(ct))
        {
            Assert.True(await rows.ReadAsync(ct));
            host = rows.GetString(0);
            Assert.NotEqual("%", host);
            Assert.Equal(rows.GetString(1), host);
            Assert.False(await rows.ReadAsync(ct));
        }

        await using var grants = new MySqlCommand($"SHOW GRANTS FOR '{user}'@'{host}'", root);
        var lines = new List<string>();
        await using (var rows = await grants.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                lines.Add(rows.GetString(0));
            }
        }

        Assert.Contains(lines, l => l.Contains($"SELECT, SHOW VIEW ON `{first}`.*", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.StartsWith("GRANT USAGE ON *.*", StringComparison.Ordinal) || l.Contains($"`{first}`", StringComparison.Ordinal), l));
    }

    [Fact]
    public void Settings_QueryCache_RecordedAndOff()
    {
        var server = fixture.RequireServer();

        // Recorded for provenance; a query cache would answer repeated reads without InnoDB and void the work counters.
        Assert.True(server.Settings.TryGetValue("query_cache_type", out var type), "query_cache_type not recorded");
        Assert.Equal("OFF", type);
    }

    [Fact]
    public async Task EnsureDatabaseAsync_BadName_Throws()
    {
        var server = fixture.RequireServer();
        await Assert.ThrowsAsync<ArgumentException>(() => server.EnsureDatabaseAsync("x`; DROP DATABASE mysql; --", TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => server.ConnectionStringFor("Upper"));
    }

    [Fact]
    public void Info_Detected_FlavorMatchesVersion()
    {
        var server = fixture.RequireServer();
        var expected = server.Info.Version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase) ? ServerFlavor.MariaDb : ServerFlavor.MySql;
        Assert.Equal(expected, server.Info.Flavor);
    }
}
