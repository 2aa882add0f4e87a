using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Rollups;

/// <summary>Computes the system-health windows of <c>dd_telemetry_metrics</c> (<c>metric_type = 'health'</c>) from raw samples, idempotently.</summary>
/// <remarks>
/// Same shape as <see cref="TradeRollup"/>: hourly and daily from raw rows, weekly and monthly from daily windows. The raw rows
/// are read per profile and script over <c>idx_health_profile_script_time</c>, the only index of the table.
/// </remarks>
public static class HealthRollup
{
    // DOUBLE measures are rounded to the metric columns' DECIMAL(18,6) before summing, so sums over windows stay exact.
    private const string SelectFromRawSql = """
        SELECT profile_id, 'health', metric_name, @windowType, ws, ws + INTERVAL 1 {unit},
               COUNT(*), SUM(v), MIN(v), MAX(v), SUM(v > 0), SUM(v < 0), UTC_TIMESTAMP(6)
        FROM (
            SELECT profile_id, CONCAT('latency_ms:', script_name) AS metric_name, {bucket} AS ws, CAST(latency_ms AS DECIMAL(18,6)) AS v
                FROM dd_system_health WHERE profile_id IN @profiles AND script_name IN @scripts AND `timestamp` >= @from AND `timestamp` < @to
            UNION ALL
            SELECT profile_id, CONCAT('cpu_percent:', script_name), {bucket}, CAST(cpu_percent AS DECIMAL(18,6))
                FROM dd_system_health WHERE profile_id IN @profiles AND script_name IN @scripts AND `timestamp` >= @from AND `timestamp` < @to
            UNION ALL
            SELECT profile_id, CONCAT('memory_mb:', script_name), {bucket}, CAST(memory_mb AS DECIMAL(18,6))
                FROM dd_system_health WHERE profile_id IN @profiles AND script_name IN @scripts AND `timestamp` >= @from AND `timestamp` < @to
            UNION ALL
            SELECT profile_id, CONCAT('error_count:', script_name), {bucket}, CAST(error_count AS DECIMAL(18,6))
                FROM dd_system_health WHERE profile_id IN @profiles AND script_name IN @scripts AND `timestamp` >= @from AND `timestamp` < @to
        ) AS h
        GROUP BY profile_id, metric_name, ws
        """;

    // The profiles and scripts, by a loose scan of idx_health_profile_script_time.
    private const string RangeKeysSql = "SELECT DISTINCT profile_id, script_name FROM dd_system_health";

    private const string FromRawSql = RollupSql.InsertColumns + "\n" + SelectFromRawSql + "\n" + RollupSql.UpsertTail;

    /// <summary>Recomputes every health window (hourly, daily, weekly, monthly) overlapping [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <returns>The rows the upserts touched, as the server counts them.</returns>
    public static Task<long> RollupAsync(MySqlConnection connection, DateTime from, DateTime to, CancellationToken cancellationToken = default) =>
        RollupSql.RunAllAsync(connection, FromRawSql, "`timestamp`", RangeKeysSql, HealthMetrics.MetricType, from, to, cancellationToken);

    /// <summary>Recomputes the health windows of one type overlapping [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <remarks>Weekly and monthly windows read the daily ones: roll up daily first.</remarks>
    public static Task<long> RollupAsync(MySqlConnection connection, WindowType windowType, DateTime from, DateTime to, CancellationToken cancellationToken = default) =>
        RollupSql.RunAsync(connection, FromRawSql, "`timestamp`", RangeKeysSql, HealthMetrics.MetricType, windowType, from, to, cancellationToken);

    /// <summary>Computes, without writing, the health windows of one type overlapping [<paramref name="from"/>, <paramref name="to"/>), each whole, straight from the raw rows.</summary>
    public static Task<IReadOnlyList<AggregatedMetric>> ComputeAsync(MySqlConnection connection, WindowType windowType, DateTime from, DateTime to, CancellationToken cancellationToken = default) =>
        RollupSql.ComputeAsync(connection, SelectFromRawSql, "`timestamp`", RangeKeysSql, windowType, from, to, cancellationToken);
}
