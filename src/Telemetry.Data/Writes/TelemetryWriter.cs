using System.Globalization;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Writes;

/// <summary>Writes telemetry rows: bulk loads through LOAD DATA LOCAL, single inserts, and metric upserts.</summary>
public sealed class TelemetryWriter(MySqlDataSource dataSource)
{
    private const string InsertTradeSql = """
        INSERT INTO dd_trade_performance
            (profile_id, symbol, trade_type, side, entry_time, exit_time, entry_price, exit_price, quantity, pnl, pnl_percent, exit_reason)
        VALUES
            (@ProfileId, @Symbol, @TradeType, @Side, @EntryTime, @ExitTime, @EntryPrice, @ExitPrice, @Quantity, @Pnl, @PnlPercent, @ExitReason);
        SELECT LAST_INSERT_ID();
        """;

    private const string InsertHealthSql = """
        INSERT INTO dd_system_health
            (profile_id, script_name, `timestamp`, status, cpu_percent, memory_mb, latency_ms, error_count, message)
        VALUES
            (@ProfileId, @ScriptName, @Timestamp, @Status, @CpuPercent, @MemoryMb, @LatencyMs, @ErrorCount, @Message);
        SELECT LAST_INSERT_ID();
        """;

    private const string UpsertMetricSql = """
        INSERT INTO dd_telemetry_metrics
            (profile_id, metric_type, metric_name, window_type, window_start, window_end,
             sample_count, value_sum, value_min, value_max, positive_count, negative_count, updated_at)
        VALUES
            (@ProfileId, @MetricType, @MetricName, @WindowType, @WindowStart, @WindowEnd,
             @SampleCount, @ValueSum, @ValueMin, @ValueMax, @PositiveCount, @NegativeCount, UTC_TIMESTAMP(6))
        ON DUPLICATE KEY UPDATE
            window_end = VALUES(window_end), sample_count = VALUES(sample_count), value_sum = VALUES(value_sum),
            value_min = VALUES(value_min), value_max = VALUES(value_max), positive_count = VALUES(positive_count),
            negative_count = VALUES(negative_count), updated_at = VALUES(updated_at)
        """;

    /// <summary>Inserts one trade and returns its id.</summary>
    public async Task<long> InsertTradeAsync(Trade trade, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertTradeSql, trade, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Inserts one health sample and returns its id.</summary>
    public async Task<long> InsertHealthAsync(HealthSample sample, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertHealthSql, sample, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Stores a windowed aggregate, replacing the values of the same profile, metric and window (the backend's <c>store_aggregated_metric</c>).</summary>
    public async Task StoreAggregatedMetricAsync(AggregatedMetric metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(UpsertMetricSql, new
        {
            metric.ProfileId,
            metric.MetricType,
            metric.MetricName,
            WindowType = metric.WindowType.ToName(),
            metric.WindowStart,
            metric.WindowEnd,
            metric.SampleCount,
            metric.ValueSum,
            metric.ValueMin,
            metric.ValueMax,
            metric.PositiveCount,
            metric.NegativeCount,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Bulk-loads trades in one transaction; all rows land or none do.</summary>
    public Task<long> BulkInsertTradesAsync(IEnumerable<Trade> trades, CancellationToken cancellationToken = default) =>
        BulkInsertAsync(TelemetryTable.Trades, trades, TelemetryColumns.Trades, cancellationToken);

    /// <summary>Bulk-loads health samples in one transaction; all rows land or none do.</summary>
    public Task<long> BulkInsertHealthAsync(IEnumerable<HealthSample> samples, CancellationToken cancellationToken = default) =>
        BulkInsertAsync(TelemetryTable.Health, samples, TelemetryColumns.Health, cancellationToken);

    /// <summary>Bulk-loads metrics in one transaction (new windows only; use <see cref="StoreAggregatedMetricAsync"/> to replace).</summary>
    public Task<long> BulkInsertMetricsAsync(IEnumerable<AggregatedMetric> metrics, CancellationToken cancellationToken = default) =>
        BulkInsertAsync(TelemetryTable.Metrics, metrics, TelemetryColumns.Metrics, cancellationToken);

    /// <summary>Streams rows into a table through LOAD DATA LOCAL in one transaction; all rows land or none do.</summary>
    public async Task<long> BulkInsertAsync<T>(TelemetryTable table, IEnumerable<T> rows, IReadOnlyList<RecordColumn<T>> columns, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await BulkInsertAsync(connection, transaction, table, rows, columns, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    /// <summary>Streams rows into a table on the caller's connection and transaction.</summary>
    /// <remarks>
    /// LOAD DATA LOCAL turns bad values and duplicate keys into warnings and skips the row, so the load is checked:
    /// any warning, or a row count other than the rows read, throws <see cref="BulkWriteException"/> and the caller's
    /// transaction must be rolled back (disposing it uncommitted does that).
    /// </remarks>
    public static async Task<long> BulkInsertAsync<T>(
        MySqlConnection connection, MySqlTransaction? transaction, TelemetryTable table, IEnumerable<T> rows,
        IReadOnlyList<RecordColumn<T>> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var bulkCopy = new MySqlBulkCopy(connection, transaction)
        {
            DestinationTableName = $"`{table.Name}`",
            BulkCopyTimeout = 0,
            ConflictOption = MySqlBulkLoaderConflictOption.None,
        };
        for (var i = 0; i < columns.Count; i++)
        {
            bulkCopy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, columns[i].Name));
        }

        using var reader = new RecordDataReader<T>(rows, columns);
        var result = await bulkCopy.WriteToServerAsync(reader, cancellationToken).ConfigureAwait(false);
        if (result.Warnings.Count > 0)
        {
            var first = result.Warnings[0];
            throw new BulkWriteException(string.Create(CultureInfo.InvariantCulture,
                $"Bulk load into {table.Name} raised {result.Warnings.Count} warning(s); first: {first.Level} {first.ErrorCode}: {first.Message}"));
        }

        if (result.RowsInserted != reader.RowsRead)
        {
            throw new BulkWriteException(string.Create(CultureInfo.InvariantCulture,
                $"Bulk load into {table.Name} inserted {result.RowsInserted} of {reader.RowsRead} rows."));
        }

        return result.RowsInserted;
    }
}
