using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Rollups;

/// <summary>Computes the trade-outcome windows of <c>dd_telemetry_metrics</c> from raw trades, idempotently.</summary>
/// <remarks>
/// Hourly and daily windows are aggregated from <c>dd_trade_performance</c>; weekly and monthly ones from the daily
/// windows (count, sum, min, max and sign counts combine exactly). Each run recomputes whole windows overlapping the
/// range and upserts them, so rerunning it, or running it again after late rows arrive, converges on the raw data.
/// <see cref="IncrementalRollup"/> finds the windows late rows touched. The raw rows are read per profile over
/// <c>idx_trades_profile_time</c>, which every variant has: no index leads with <c>entry_time</c> on Basic and Composite,
/// so a range on the time alone scanned the whole table, once per branch of the union.
/// </remarks>
public static class TradeRollup
{
    private const string SelectFromRawSql = """
        SELECT profile_id, 'trade_pnl', metric_name, @windowType, ws, ws + INTERVAL 1 {unit},
               COUNT(*), SUM(pnl), MIN(pnl), MAX(pnl), SUM(pnl > 0), SUM(pnl < 0), UTC_TIMESTAMP(6)
        FROM (
            SELECT profile_id, '*' AS metric_name, {bucket} AS ws, pnl FROM dd_trade_performance WHERE profile_id IN @profiles AND entry_time >= @from AND entry_time < @to
            UNION ALL
            SELECT profile_id, CONCAT('symbol:', symbol), {bucket}, pnl FROM dd_trade_performance WHERE profile_id IN @profiles AND entry_time >= @from AND entry_time < @to
            UNION ALL
            SELECT profile_id, CONCAT('trade_type:', trade_type), {bucket}, pnl FROM dd_trade_performance WHERE profile_id IN @profiles AND entry_time >= @from AND entry_time < @to
            UNION ALL
            SELECT profile_id, CONCAT('exit_reason:', exit_reason), {bucket}, pnl FROM dd_trade_performance WHERE profile_id IN @profiles AND entry_time >= @from AND entry_time < @to
        ) AS t
        GROUP BY profile_id, metric_name, ws
        """;

    // The profiles, by a loose scan of idx_trades_profile_time (a few key reads, however many rows).
    private const string RangeKeysSql = "SELECT DISTINCT profile_id FROM dd_trade_performance";

    private const string FromRawSql = RollupSql.InsertColumns + "\n" + SelectFromRawSql + "\n" + RollupSql.UpsertTail;

    /// <summary>Recomputes every trade window (hourly, daily, weekly, monthly) overlapping [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <returns>The rows the upserts touched, as the server counts them.</returns>
    public static Task<long> RollupAsync(MySqlConnection connection, DateTime from, DateTime to, CancellationToken cancellationToken = default) =>
        RollupSql.RunAllAsync(connection, FromRawSql, "entry_time", RangeKeysSql, TradeMetrics.MetricType, from, to, cancellationToken);

    /// <summary>Recomputes the trade windows of one type overlapping [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <remarks>Weekly and monthly windows read the daily ones: roll up daily first.</remarks>
    public static Task<long> RollupAsync(MySqlConnection connection, WindowType windowType, DateTime from, DateTime to, CancellationToken cancellationToken = default) =>
        RollupSql.RunAsync(connection, FromRawSql, "entry_time", RangeKeysSql, TradeMetrics.MetricType, windowType, from, to, cancellationToken);

    /// <summary>Computes, without writing, the trade windows of one type overlapping [<paramref name="from"/>, <paramref name="to"/>), each whole, straight from the raw rows.</summary>
    /// <remarks>The same aggregation the rollup writes; a check compares it with what <c>dd_telemetry_metrics</c> holds.</remarks>
    public static Task<IReadOnlyList<AggregatedMetric>> ComputeAsync(MySqlConnection connection, WindowType windowType, DateTime from, DateTime to, CancellationToken cancellationToken = default) =>
        RollupSql.ComputeAsync(connection, SelectFromRawSql, "entry_time", RangeKeysSql, windowType, from, to, cancellationToken);
}
