using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MySqlConnector;
using Telemetry.Data;

namespace Perf.Harness.Provisioning;

/// <summary>A MySQL-compatible server the harness may use, with admin access; disposing it stops the server when the harness started it.</summary>
public sealed class ProvisionedServer : IAsyncDisposable
{
    /// <summary>The prefix of the read-only accounts created by <see cref="CreateReadOnlyAccountAsync"/>; the rest names the set of databases it may read.</summary>
    public const string ReadOnlyUserPrefix = "perf_reader_";

    /// <summary>Server variables recorded for provenance, when the server has them.</summary>
    internal static readonly string[] SettingNames =
    [
        "version", "version_comment", "version_compile_machine", "version_compile_os",
        "innodb_buffer_pool_size", "innodb_flush_log_at_trx_commit", "innodb_log_file_size", "innodb_redo_log_capacity",
        "innodb_flush_method", "innodb_doublewrite", "innodb_io_capacity", "innodb_file_per_table",
        "max_connections", "local_infile", "performance_schema", "skip_name_resolve", "log_bin", "sync_binlog",
        "character_set_server", "collation_server", "time_zone", "system_time_zone", "sql_mode",
        "transaction_isolation", "tx_isolation", "tmp_table_size", "max_heap_table_size", "sort_buffer_size",
        "join_buffer_size", "table_open_cache", "thread_handling", "optimizer_switch",
        // A query cache on would answer repeated reads without touching InnoDB: timings and Handler_read_* would mean nothing.
        "query_cache_type", "query_cache_size",
    ];

    private readonly Func<ValueTask>? stop;
    private readonly Func<ServerRestart, CancellationToken, Task<bool>>? restart;
    private int disposed;

    private ProvisionedServer(string adminConnectionString, ServerInfo info, string source, IReadOnlyDictionary<string, string> settings, Func<ValueTask>? stop, Func<ServerRestart, CancellationToken, Task<bool>>? restart)
    {
        AdminConnectionString = adminConnectionString;
        Info = info;
        Source = source;
        Settings = settings;
        this.stop = stop;
        this.restart = restart;
    }

    /// <summary>A connection string with all privileges, <c>AllowLoadLocalInfile</c> and <c>AllowUserVariables</c>, and no default database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The detected flavour and version.</summary>
    public ServerInfo Info { get; }

    /// <summary>Where the server came from: <c>connection-string</c>, <c>testcontainers</c> or <c>local:&lt;datadir&gt;</c>.</summary>
    public string Source { get; }

    /// <summary>Key server variables (lower-case names) read from the server when it was provisioned and after each <see cref="RestartAsync"/>, for run manifests.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; }

    /// <summary>Whether <see cref="RestartAsync"/> can restart it: only a local server this process started (not one named by a connection string, nor one another process owns).</summary>
    public bool CanRestart => restart is not null;

    /// <summary>Connects with <paramref name="adminConnectionString"/>, detects the server and reads its settings; <paramref name="restart"/>, when given, restarts it.</summary>
    internal static async Task<ProvisionedServer> ConnectAsync(
        string adminConnectionString, string source, Func<ValueTask>? stop, Func<ServerRestart, CancellationToken, Task<bool>>? restart, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(adminConnectionString)
        {
            AllowLoadLocalInfile = true,
            AllowUserVariables = true,
            Database = string.Empty,
        };
        var connectionString = builder.ConnectionString;
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var info = await ServerInfo.DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        var settings = await ReadSettingsAsync(connection, cancellationToken).ConfigureAwait(false);
        return new ProvisionedServer(connectionString, info, source, settings, stop, restart);
    }

    /// <summary>
    /// Restarts the server with an empty buffer pool and <paramref name="request"/>'s settings (the OS page cache dropped
    /// in between where permitted); the same connection strings reach it afterwards, pooled connections are cleared.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="CanRestart"/> is false.</exception>
    public async Task<RestartedServer> RestartAsync(ServerRestart request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (restart is null)
        {
            throw new InvalidOperationException($"The server ({Source}) was not started by this process, so it cannot be restarted.");
        }

        var dropped = await restart(request, cancellationToken).ConfigureAwait(false);
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Settings = await ReadSettingsAsync(connection, cancellationToken).ConfigureAwait(false);
        return new RestartedServer(long.Parse(Settings["innodb_buffer_pool_size"], CultureInfo.InvariantCulture), Settings["innodb_flush_method"], dropped);
    }

    /// <summary>
    /// Why timings on this server would measure its query cache rather than the database, in one sentence; null when the
    /// cache answers no ordinary SELECT (MySQL 8 has none; MariaDB's is off by default and in every server the harness starts).
    /// </summary>
    /// <param name="timings">What would be timed, as the command says it (<c>the load run</c>, <c>the capacity sweep</c>…).</param>
    /// <remarks>
    /// With <c>query_cache_type=ON</c> and a nonzero <c>query_cache_size</c> a repeated SELECT is answered from the cache
    /// without reading a page: the suite's repeated executions and the load's recurring windows would time a hash lookup.
    /// Plan capture turns the cache off in its own session; the query layer and the API are the product, and do not.
    /// </remarks>
    public string? QueryCacheProblem(string timings) =>
        Settings.TryGetValue("query_cache_type", out var type) && type.Equals("ON", StringComparison.OrdinalIgnoreCase)
        && Settings.TryGetValue("query_cache_size", out var size) && long.TryParse(size, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? string.Create(CultureInfo.InvariantCulture, $"The server's query cache is on (query_cache_type=ON, query_cache_size={bytes}): it would answer {timings}'s repeated reads without touching InnoDB, so the timings would measure the cache; turn it off on that server (SET GLOBAL query_cache_type = OFF) or use one without it.")
            : null;

    /// <summary>The buffer pool's size and the flush method as the server reports them now (a restart may have changed them since <see cref="Settings"/> was read).</summary>
    public async Task<(long Bytes, string FlushMethod)> ReadBufferPoolAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT @@innodb_buffer_pool_size, @@innodb_flush_method", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1));
    }

    /// <summary>Returns the admin connection string with <paramref name="database"/> as the default database.</summary>
    /// <exception cref="ArgumentException">The name is not in the allow-list <c>[a-z0-9_]+</c>.</exception>
    public string ConnectionStringFor(string database) =>
        new MySqlConnectionStringBuilder(AdminConnectionString) { Database = DatabaseNames.Validate(database) }.ConnectionString;

    /// <summary>Creates the database (utf8mb4) unless it exists.</summary>
    /// <exception cref="ArgumentException">The name is not in the allow-list <c>[a-z0-9_]+</c>.</exception>
    public async Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var database = DatabaseNames.Validate(name);
        await ExecuteAsync($"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET utf8mb4", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the database if it exists.</summary>
    /// <exception cref="ArgumentException">The name is not in the allow-list <c>[a-z0-9_]+</c>.</exception>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var database = DatabaseNames.Validate(name);
        await ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates or updates a read-only account for exactly <paramref name="databases"/> (SELECT and SHOW VIEW on them, nothing
    /// else) that may log in only from the host the harness connects from, and returns its connection string (default
    /// database: the first one).
    /// </summary>
    /// <remarks>
    /// One account per set of databases (<c>perf_reader_</c> + a hash of the names), so granting one run its databases never
    /// widens another run's account, and nothing is revoked under a process still reading. The password is derived from the
    /// admin credentials, so every process sharing a server computes the same one and none locks the others out.
    /// </remarks>
    public async Task<string> CreateReadOnlyAccountAsync(IEnumerable<string> databases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var names = databases.Select(DatabaseNames.Validate).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("Name at least one database.", nameof(databases));
        }

        var admin = new MySqlConnectionStringBuilder(AdminConnectionString);
        var user = ReadOnlyUserFor(names);
        var password = ReadOnlyPassword(admin, user);
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var host = await ClientHostAsync(connection, cancellationToken).ConfigureAwait(false);
        var account = $"'{user}'@'{host}'";
        foreach (var sql in new[] { $"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY @password", $"ALTER USER {account} IDENTIFIED BY @password" })
        {
            await using var command = new MySqlCommand(sql, connection);
            command.Parameters.AddWithValue("@password", password);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var name in names)
        {
            await using var grant = new MySqlCommand($"GRANT SELECT, SHOW VIEW ON `{name}`.* TO {account}", connection);
            await grant.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var reader = new MySqlConnectionStringBuilder(AdminConnectionString)
        {
            UserID = user,
            Password = password,
            Database = names[0],
            AllowLoadLocalInfile = false,
        };
        if (reader.SslMode == MySqlSslMode.None)
        {
            // MySQL 8's caching_sha2_password needs the server's RSA key on a first login without TLS.
            reader.AllowPublicKeyRetrieval = true;
        }

        return reader.ConnectionString;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (stop is not null)
        {
            // Pooled connections to a server we stop would only fail later.
            await MySqlConnection.ClearAllPoolsAsync().ConfigureAwait(false);
            await stop().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Info} ({Source})";

    /// <summary>The account name for a set of databases: the prefix and 12 hex digits of a hash of the sorted names (24 characters, within MySQL's 32).</summary>
    internal static string ReadOnlyUserFor(IEnumerable<string> databases) =>
        ReadOnlyUserPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', databases.Order(StringComparer.Ordinal)))))[..12];

    private static string ReadOnlyPassword(MySqlConnectionStringBuilder admin, string user)
    {
        var key = Encoding.UTF8.GetBytes(admin.Password ?? string.Empty);
        var data = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{user}@{admin.Server}:{admin.Port}/{admin.UserID}"));
        return "r" + Convert.ToHexStringLower(HMACSHA256.HashData(key, data))[..31];
    }

    /// <summary>The host this process connects from, as the server names it (the host part of <c>USER()</c>): the read-only account is bound to it.</summary>
    private static async Task<string> ClientHostAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT SUBSTRING_INDEX(USER(), '@', -1)", connection);
        var host = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? string.Empty;
        // A host name or address as the server reports it; anything else would not be safe to quote into the statement.
        return host.Length is > 0 and <= 255 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':')
            ? host
            : throw new ProvisioningException($"The server reports this client's host as '{host}', which cannot name an account.");
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadSettingsAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = "SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + string.Join(", ", SettingNames.Select(n => "'" + n + "'")) + ")";
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            settings[reader.GetString(0).ToLowerInvariant()] = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
        }

        return settings.AsReadOnly();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
