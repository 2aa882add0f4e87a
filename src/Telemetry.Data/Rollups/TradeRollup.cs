using Dapper;
using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Rollups;

/// <summary>Computes the trade-outcome windows of <c>dd_telemetry_metrics</c> from raw trades, idempotently.</summary>
/// <remarks>
/// Hourly and daily windows are aggregated from <c>dd_trade_performance</c>; weekly and monthly ones from the daily
/// windows (count, sum, min, max and sign counts combine exactly). Each run recomputes whole windows overlapping the
/// range and upserts them, so rerunning it, or running it again after late rows arrive, converges on the raw data.
/// </remarks>
public static class TradeRollup
{
    private const string FromRawSql = """
        INSERT INTO dd_telemetry_metrics
            (profile_id, metric_type, metric_name, window_type, window_start, window_end,
             sample_count, value_sum, value_min, value_max, positive_count, negative_count, updated_at)
        SELECT profile_id, 'trade_pnl', metric_name, @windowType, ws, ws + INTERVAL 1 {unit},
               COUNT(*), SUM(pnl), MIN(pnl), MAX(pnl), SUM(pnl > 0), SUM(pnl < 0), UTC_TIMESTAMP(6)
        FROM (
            SELECT profile_id, '*' AS metric_name, {bucket} AS ws, pnl FROM dd_trade_performance WHERE entry_time >= @from AND entry_time < @to
            UNION ALL
            SELECT profile_id, CONCAT('symbol:', symbol), {bucket}, pnl FROM dd_trade_performance WHERE entry_time >= @from AND entry_time < @to
            UNION ALL
            SELECT profile_id, CONCAT('trade_type:', trade_type), {bucket}, pnl FROM dd_trade_performance WHERE entry_time >= @from AND entry_time < @to
            UNION ALL
            SELECT profile_id, CONCAT('exit_reason:', exit_reason), {bucket}, pnl FROM dd_trade_performance WHERE entry_time >= @from AND entry_time < @to
        ) AS t
        GROUP BY profile_id, metric_name, ws
        ON DUPLICATE KEY UPDATE
            window_end = VALUES(window_end), sample_count = VALUES(sample_count), value_sum = VALUES(value_sum),
            value_min = VALUES(value_min), value_max = VALUES(value_max), positive_count = VALUES(positive_count),
            negative_count = VALUES(negative_count), updated_at = VALUES(updated_at)
        """;

    private const string FromDailySql = """
        INSERT INTO dd_telemetry_metrics
            (profile_id, metric_type, metric_name, window_type, window_start, window_end,
             sample_count, value_sum, value_min, value_max, positive_count, negative_count, updated_at)
        SELECT profile_id, metric_type, metric_name, @windowType, ws, ws + INTERVAL 1 {unit},
               SUM(sample_count), SUM(value_sum), MIN(value_min), MAX(value_max), SUM(positive_count), SUM(negative_count), UTC_TIMESTAMP(6)
        FROM (
            SELECT profile_id, metric_type, metric_name, {bucket} AS ws,
                   sample_count, value_sum, value_min, value_max, positive_count, negative_count
            FROM dd_telemetry_metrics
            WHERE window_type = 'daily' AND metric_type = 'trade_pnl' AND window_start >= @from AND window_start < @to
        ) AS d
        GROUP BY profile_id, metric_type, metric_name, ws
        ON DUPLICATE KEY UPDATE
            window_end = VALUES(window_end), sample_count = VALUES(sample_count), value_sum = VALUES(value_sum),
            value_min = VALUES(value_min), value_max = VALUES(value_max), positive_count = VALUES(positive_count),
            negative_count = VALUES(negative_count), updated_at = VALUES(updated_at)
        """;

    /// <summary>Recomputes every trade window (hourly, daily, weekly, monthly) overlapping [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <returns>The rows the upserts touched, as the server counts them.</returns>
    public static async Task<long> RollupAsync(MySqlConnection connection, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        long affected = 0;
        foreach (var windowType in Enum.GetValues<WindowType>())
        {
            affected += await RollupAsync(connection, windowType, from, to, cancellationToken).ConfigureAwait(false);
        }

        return affected;
    }

    /// <summary>Recomputes the windows of one type overlapping [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <remarks>Weekly and monthly windows read the daily ones: roll up daily first.</remarks>
    public static async Task<long> RollupAsync(MySqlConnection connection, WindowType windowType, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var start = windowType.WindowStart(from);
        var end = windowType.WindowEnd(windowType.WindowStart(to.AddTicks(-10)));
        var sql = Render(windowType);
        return await connection.ExecuteAsync(new CommandDefinition(
            sql, new { windowType = windowType.ToName(), from = start, to = end }, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The statement for one window type (bucket expressions are fixed per type, never user input).</summary>
    internal static string Render(WindowType windowType) => windowType switch
    {
        WindowType.Hourly => FromRawSql.Replace("{unit}", "HOUR", StringComparison.Ordinal)
            .Replace("{bucket}", "CAST(DATE_FORMAT(entry_time, '%Y-%m-%d %H:00:00') AS DATETIME(6))", StringComparison.Ordinal),
        WindowType.Daily => FromRawSql.Replace("{unit}", "DAY", StringComparison.Ordinal)
            .Replace("{bucket}", "CAST(DATE(entry_time) AS DATETIME(6))", StringComparison.Ordinal),
        WindowType.Weekly => FromDailySql.Replace("{unit}", "WEEK", StringComparison.Ordinal)
            .Replace("{bucket}", "CAST(DATE(window_start) - INTERVAL WEEKDAY(window_start) DAY AS DATETIME(6))", StringComparison.Ordinal),
        WindowType.Monthly => FromDailySql.Replace("{unit}", "MONTH", StringComparison.Ordinal)
            .Replace("{bucket}", "CAST(DATE_FORMAT(window_start, '%Y-%m-01') AS DATETIME(6))", StringComparison.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(windowType), windowType, null),
    };
}
