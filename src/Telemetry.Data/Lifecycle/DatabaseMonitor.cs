using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>Watches the database the way the strategy's "Monitoring and Alerts" asks: sizes and growth, cache hit rate, slow queries.</summary>
/// <remarks>
/// Slow queries are sampled from the process list while they run (no slow log or performance_schema needed, which
/// MariaDB ships off) and their live plan is taken from the running statement itself.
/// </remarks>
public sealed class DatabaseMonitor(MySqlDataSource dataSource, MonitorThresholds thresholds, ILogger? logger = null)
{
    /// <summary>The table of size snapshots growth is measured against; created on first use.</summary>
    public const string SizeHistoryTable = "dd_table_size_history";

    /// <summary>How long every snapshot is kept; older ones thin to the first of each hour (an hourly size history).</summary>
    public static TimeSpan KeptWhole { get; } = TimeSpan.FromHours(2);

    private const string SizesSql = """
        SELECT TABLE_NAME AS `Table`, PARTITION_NAME AS `Partition`, CAST(TABLE_ROWS AS SIGNED) AS `Rows`,
               CAST(DATA_LENGTH AS SIGNED) AS DataBytes, CAST(INDEX_LENGTH AS SIGNED) AS IndexBytes
        FROM information_schema.PARTITIONS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN @tables
        ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION
        """;

    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS dd_table_size_history (
          `captured_at` DATETIME(6) NOT NULL,
          `table_name` VARCHAR(64) NOT NULL,
          `row_count` BIGINT NOT NULL,
          `total_bytes` BIGINT NOT NULL,
          PRIMARY KEY (`table_name`, `captured_at`)
        ) ENGINE=InnoDB
        """;

    // The newest snapshot at least MinGrowthInterval old: the worker snapshots every minute, and growth over a minute is noise.
    private const string PreviousSnapshotSql = """
        SELECT h.table_name AS TableName, h.total_bytes AS TotalBytes, h.captured_at AS CapturedAt
        FROM dd_table_size_history AS h
        JOIN (SELECT table_name, MAX(captured_at) AS captured_at FROM dd_table_size_history WHERE captured_at <= @latest GROUP BY table_name) AS latest
          ON latest.table_name = h.table_name AND latest.captured_at = h.captured_at
        """;

    // A second pass at the same instant (--now, or two monitors at once) replaces the snapshot instead of failing on the key.
    private const string InsertSnapshotSql = """
        INSERT INTO dd_table_size_history (captured_at, table_name, row_count, total_bytes) VALUES (@now, @table, @rows, @bytes)
        ON DUPLICATE KEY UPDATE row_count = VALUES(row_count), total_bytes = VALUES(total_bytes)
        """;

    // Snapshots older than KeptWhole thin to the first of each hour: the worker's every-minute pass would otherwise add
    // 1,440 rows a day per table for as long as the backend runs, and growth needs only the last hour or so.
    private const string ThinSnapshotsSql = """
        DELETE h FROM dd_table_size_history AS h
        JOIN (SELECT table_name, DATE_FORMAT(captured_at, '%Y-%m-%d %H') AS hour_of, MIN(captured_at) AS kept
              FROM dd_table_size_history WHERE captured_at < @cut GROUP BY table_name, hour_of) AS k
          ON k.table_name = h.table_name AND k.hour_of = DATE_FORMAT(h.captured_at, '%Y-%m-%d %H') AND h.captured_at > k.kept
        WHERE h.captured_at < @cut
        """;

    private const string BufferPoolSql = """
        SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME IN ('INNODB_BUFFER_POOL_READ_REQUESTS', 'INNODB_BUFFER_POOL_READS')
        """;

    private const string ProcessListMariaDbSql = """
        SELECT ID AS Id, TIME_MS / 1000.0 AS Seconds, INFO AS Statement FROM information_schema.PROCESSLIST
        WHERE COMMAND = 'Query' AND INFO IS NOT NULL AND ID <> CONNECTION_ID() AND TIME_MS >= @thresholdMs
        """;

    private const string ProcessListMySqlSql = """
        SELECT ID AS Id, TIME AS Seconds, INFO AS Statement FROM information_schema.PROCESSLIST
        WHERE COMMAND = 'Query' AND INFO IS NOT NULL AND ID <> CONNECTION_ID() AND TIME * 1000 >= @thresholdMs
        """;

    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Sizes, growth since the newest snapshot at least an hour old (and a new snapshot), buffer-pool hit rate and slow queries, with warnings.</summary>
    public async Task<DatabaseHealthReport> CheckAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var sizes = await ReadSizesAsync(cancellationToken).ConfigureAwait(false);
        var growth = await SnapshotGrowthAsync(sizes, now, cancellationToken).ConfigureAwait(false);
        var hitRate = await BufferPoolHitRateAsync(cancellationToken).ConfigureAwait(false);
        var slow = await SampleSlowQueriesAsync(cancellationToken).ConfigureAwait(false);

        var warnings = new List<string>();
        foreach (var table in growth.Where(g => g.DailyGrowth > thresholds.MaxDailyGrowth))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{table.Table} grows {table.DailyGrowth * 100:0.0} % a day (threshold {thresholds.MaxDailyGrowth * 100:0} %)"));
        }

        if (hitRate < thresholds.MinCacheHitRate)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"InnoDB buffer-pool hit rate {hitRate * 100:0.0} % is under {thresholds.MinCacheHitRate * 100:0} %: the working set no longer fits in memory"));
        }

        foreach (var query in slow)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"query on connection {query.ConnectionId} has run {query.Elapsed.TotalSeconds:0.0} s"));
        }

        foreach (var warning in warnings)
        {
            LifecycleLog.MonitorWarning(logger, warning);
        }

        return new DatabaseHealthReport(sizes, growth, hitRate, slow, warnings);
    }

    /// <summary>The size of every telemetry table, per partition where partitioned.</summary>
    public async Task<IReadOnlyList<TableSize>> ReadSizesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TableSize>(new CommandDefinition(
            SizesSql, new { tables = TelemetryTable.All.Select(t => t.Name).ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>InnoDB's buffer-pool hit rate since start, or null when the server has served no reads yet.</summary>
    public async Task<double?> BufferPoolHitRateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var status = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(BufferPoolSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Name.ToUpperInvariant(), r => double.Parse(r.Value, CultureInfo.InvariantCulture));
        return status.TryGetValue("INNODB_BUFFER_POOL_READ_REQUESTS", out var requests) && requests > 0 && status.TryGetValue("INNODB_BUFFER_POOL_READS", out var reads)
            ? 1 - (reads / requests)
            : null;
    }

    /// <summary>Statements that have been running longer than the threshold, each with its live plan; each is also logged.</summary>
    public async Task<IReadOnlyList<SlowQuery>> SampleSlowQueriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var info = await ServerInfo.DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        var sql = info.Flavor == ServerFlavor.MariaDb ? ProcessListMariaDbSql : ProcessListMySqlSql;
        var running = await connection.QueryAsync<(long Id, decimal Seconds, string Sql)>(new CommandDefinition(
            sql, new { thresholdMs = (long)thresholds.SlowQuery.TotalMilliseconds }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var slow = new List<SlowQuery>();
        foreach (var (id, seconds, text) in running)
        {
            var plan = await ExplainRunningAsync(connection, info.Flavor, id, cancellationToken).ConfigureAwait(false);
            var query = new SlowQuery(id, TimeSpan.FromSeconds((double)seconds), text, plan);
            LifecycleLog.SlowQuery(logger, query.Elapsed.TotalSeconds, id, text, plan);
            slow.Add(query);
        }

        return slow;
    }

    private static async Task<string> ExplainRunningAsync(MySqlConnection connection, ServerFlavor flavor, long connectionId, CancellationToken cancellationToken)
    {
        // The id is a number the server just gave us; these statements take no parameters.
        var statement = flavor == ServerFlavor.MariaDb
            ? string.Create(CultureInfo.InvariantCulture, $"SHOW EXPLAIN FORMAT=JSON FOR {connectionId}")
            : string.Create(CultureInfo.InvariantCulture, $"EXPLAIN FORMAT=JSON FOR CONNECTION {connectionId}");
        try
        {
            var plan = await connection.ExecuteScalarAsync<string>(new CommandDefinition(statement, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return plan ?? "(no plan)";
        }
        catch (MySqlException ex)
        {
            // The statement may have finished, or be one without a plan (SLEEP, DDL); say so rather than fail the pass.
            return "unavailable: " + ex.Message;
        }
    }

    /// <summary>Records a size snapshot per table and returns the growth since the newest snapshot at least <see cref="TableGrowth.MinInterval"/> old; snapshots older than <see cref="KeptWhole"/> thin to one an hour.</summary>
    public async Task<IReadOnlyList<TableGrowth>> SnapshotGrowthAsync(IReadOnlyList<TableSize> sizes, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(CreateHistorySql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var previous = (await connection.QueryAsync<(string TableName, long TotalBytes, DateTime CapturedAt)>(new CommandDefinition(PreviousSnapshotSql, new { latest = now - TableGrowth.MinInterval }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.TableName, StringComparer.Ordinal);
        var growth = new List<TableGrowth>();
        foreach (var table in sizes.GroupBy(s => s.Table, StringComparer.Ordinal))
        {
            var rows = table.Sum(s => s.Rows);
            var bytes = table.Sum(s => s.DataBytes + s.IndexBytes);
            var before = previous.TryGetValue(table.Key, out var p) ? p : default((string, long, DateTime)?);
            growth.Add(new TableGrowth(table.Key, rows, bytes, before?.Item2, before is { } b ? now - DateTime.SpecifyKind(b.Item3, DateTimeKind.Utc) : null));
            await connection.ExecuteAsync(new CommandDefinition(InsertSnapshotSql, new { now, table = table.Key, rows, bytes }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition(ThinSnapshotsSql, new { cut = now - KeptWhole }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return growth;
    }
}
