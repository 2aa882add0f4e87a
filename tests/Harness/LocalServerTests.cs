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
