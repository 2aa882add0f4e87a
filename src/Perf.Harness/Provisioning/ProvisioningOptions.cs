using Microsoft.Extensions.Logging;
using Telemetry.Data;

namespace Perf.Harness.Provisioning;

/// <summary>How the harness finds or starts its MySQL-compatible server and Redis.</summary>
public sealed record ProvisioningOptions
{
    /// <summary>The command-line flag that names an existing MySQL server by connection string.</summary>
    public const string MySqlFlag = "--mysql";

    /// <summary>The command-line flag that names an existing Redis server (<c>host:port</c> or a StackExchange.Redis configuration string).</summary>
    public const string RedisFlag = "--redis";

    /// <summary>The command-line flag that overrides the local server's data directory.</summary>
    public const string DataDirectoryFlag = "--mysql-datadir";

    /// <summary>An explicit connection string (from <c>--mysql</c>); when null, the <c>PERF_MYSQL</c> environment variable is read.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>An explicit Redis configuration (from <c>--redis</c>); when null, the <c>PERF_REDIS</c> environment variable is read.</summary>
    public string? RedisConfiguration { get; init; }

    /// <summary>The local server's home (data, credentials, logs); default <c>&lt;repo root&gt;/.perf/mysql</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The local server's <c>innodb_buffer_pool_size</c>, in server syntax.</summary>
    public string BufferPoolSize { get; init; } = "2G";

    /// <summary>The local server's redo log size (<c>innodb_log_file_size</c> on MariaDB, <c>innodb_redo_log_capacity</c> on MySQL).</summary>
    public string RedoLogSize { get; init; } = "512M";

    /// <summary>How long a started server may take to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the Docker daemon probe may take before Testcontainers is ruled out.</summary>
    public TimeSpan DockerProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The image Testcontainers runs when a Docker daemon answers.</summary>
    public string ContainerImage { get; init; } = "mysql:8.4";

    /// <summary>Whether a Testcontainers container may be started.</summary>
    public bool AllowTestcontainers { get; init; } = true;

    /// <summary>Whether a throwaway local server may be started.</summary>
    public bool AllowLocalServer { get; init; } = true;

    /// <summary>Where provisioning logs what it chose and did; null logs nothing.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// The settings of every server the harness starts, local or in a container: InnoDB sized by these options and
    /// without a flush per commit, no binary log or performance schema, room for bulk loads, UTF-8 and UTC.
    /// </summary>
    internal IEnumerable<string> ServerSettings(ServerFlavor flavor) =>
    [
        $"--innodb-buffer-pool-size={BufferPoolSize}",
        "--innodb-flush-log-at-trx-commit=2",
        flavor == ServerFlavor.MariaDb ? $"--innodb-log-file-size={RedoLogSize}" : $"--innodb-redo-log-capacity={RedoLogSize}",
        "--skip-name-resolve",
        "--local-infile=1",
        "--max-connections=500",
        "--max-allowed-packet=256M",
        "--performance-schema=OFF",
        "--skip-log-bin",
        "--character-set-server=utf8mb4",
        "--default-time-zone=+00:00",
        // Every start begins with an empty buffer pool: a warm measurement warms it itself, a cold one relies on it.
        "--innodb-buffer-pool-load-at-startup=OFF",
        "--innodb-buffer-pool-dump-at-shutdown=OFF",
        .. flavor == ServerFlavor.MariaDb ? (string[])["--query-cache-type=0", "--query-cache-size=0"] : [], // MySQL 8 has no query cache
    ];
}
