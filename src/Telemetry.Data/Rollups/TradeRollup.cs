using Dapper;
using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Rollups;

/// <summary>Computes the trade-outcome windows of <c>dd_telemetry_metrics</c> from raw trades, idempotently.</summary>
/// <remarks>
/// Hourly and daily windows are aggregated from <c>dd_trade_performance</c>; weekly and monthly ones from the daily
/// windows (count, sum, min, max and sign counts combine exactly). Each run recomputes whole windows overlapping the
/// range and upserts them, so rerunning it, or running it again after late rows arrive, converges on the raw data.
/// <see cref="IncrementalRollup"/> finds the windows late rows touched.
/// </remarks>
public static class TradeRollup
{
    private const string FromRawSql = RollupSql.InsertColumns + """

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

        """ + RollupSql.UpsertTail;

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
        var (start, end) = RollupSql.WholeWindows(windowType, from, to);
        return await connection.ExecuteAsync(new CommandDefinition(
            Render(windowType), new { windowType = windowType.ToName(), metricType = TradeMetrics.MetricType, from = start, to = end },
            commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The statement for one window type (bucket expressions are fixed per type, never user input).</summary>
    internal static string Render(WindowType windowType) => windowType switch
    {
        WindowType.Hourly or WindowType.Daily => RollupSql.Render(FromRawSql, windowType, "entry_time"),
        WindowType.Weekly or WindowType.Monthly => RollupSql.Render(RollupSql.FromDailySql, windowType, "window_start"),
        _ => throw new ArgumentOutOfRangeException(nameof(windowType), windowType, null),
    };
}
