using System.Data.Common;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Rollups;

/// <summary>The SQL pieces every rollup shares: the upsert into <c>dd_telemetry_metrics</c> and the window bucket expressions.</summary>
internal static class RollupSql
{
    /// <summary>The column list every rollup inserts.</summary>
    public const string InsertColumns = """
        INSERT INTO dd_telemetry_metrics
            (profile_id, metric_type, metric_name, window_type, window_start, window_end,
             sample_count, value_sum, value_min, value_max, positive_count, negative_count, updated_at)
        """;

    /// <summary>Replaces a window's values when it already exists (the unique key is the window's identity).</summary>
    public const string UpsertTail = """
        ON DUPLICATE KEY UPDATE
            window_end = VALUES(window_end), sample_count = VALUES(sample_count), value_sum = VALUES(value_sum),
            value_min = VALUES(value_min), value_max = VALUES(value_max), positive_count = VALUES(positive_count),
            negative_count = VALUES(negative_count), updated_at = VALUES(updated_at)
        """;

    /// <summary>Weekly and monthly windows of one metric type, combined exactly from its daily windows.</summary>
    public const string FromDailySql = InsertColumns + """

        SELECT profile_id, metric_type, metric_name, @windowType, ws, ws + INTERVAL 1 {unit},
               SUM(sample_count), SUM(value_sum), MIN(value_min), MAX(value_max), SUM(positive_count), SUM(negative_count), UTC_TIMESTAMP(6)
        FROM (
            SELECT profile_id, metric_type, metric_name, {bucket} AS ws,
                   sample_count, value_sum, value_min, value_max, positive_count, negative_count
            FROM dd_telemetry_metrics
            WHERE window_type = 'daily' AND metric_type = @metricType AND window_start >= @from AND window_start < @to
        ) AS d
        GROUP BY profile_id, metric_type, metric_name, ws

        """ + UpsertTail;

    /// <summary>The <c>INTERVAL</c> unit of a window type.</summary>
    public static string Unit(WindowType windowType) => windowType switch
    {
        WindowType.Hourly => "HOUR",
        WindowType.Daily => "DAY",
        WindowType.Weekly => "WEEK",
        WindowType.Monthly => "MONTH",
        _ => throw new ArgumentOutOfRangeException(nameof(windowType), windowType, null),
    };

    /// <summary>The expression that maps <paramref name="column"/> (an allow-listed time column) to its window start.</summary>
    public static string Bucket(WindowType windowType, string column) => windowType switch
    {
        WindowType.Hourly => $"CAST(DATE_FORMAT({column}, '%Y-%m-%d %H:00:00') AS DATETIME(6))",
        WindowType.Daily => $"CAST(DATE({column}) AS DATETIME(6))",
        WindowType.Weekly => $"CAST(DATE({column}) - INTERVAL WEEKDAY({column}) DAY AS DATETIME(6))",
        WindowType.Monthly => $"CAST(DATE_FORMAT({column}, '%Y-%m-01') AS DATETIME(6))",
        _ => throw new ArgumentOutOfRangeException(nameof(windowType), windowType, null),
    };

    /// <summary>Fills the unit and bucket placeholders of a template.</summary>
    public static string Render(string template, WindowType windowType, string column) =>
        template.Replace("{unit}", Unit(windowType), StringComparison.Ordinal)
            .Replace("{bucket}", Bucket(windowType, column), StringComparison.Ordinal);

    /// <summary>The window range [start, end) covering [<paramref name="from"/>, <paramref name="to"/>) in whole windows.</summary>
    public static (DateTime Start, DateTime End) WholeWindows(WindowType windowType, DateTime from, DateTime to) =>
        (windowType.WindowStart(from), windowType.WindowEnd(windowType.WindowStart(to.AddTicks(-10))));

    /// <summary>The statement for one window type: hourly and daily from the raw template, weekly and monthly from daily windows.</summary>
    /// <remarks>Bucket expressions are fixed per window type and column, never user input.</remarks>
    public static string Statement(string fromRawTemplate, string rawTimeColumn, WindowType windowType) =>
        windowType is WindowType.Hourly or WindowType.Daily
            ? Render(fromRawTemplate, windowType, rawTimeColumn)
            : Render(FromDailySql, windowType, "window_start");

    /// <summary>Recomputes the windows of one type overlapping [<paramref name="from"/>, <paramref name="to"/>); returns the rows the upsert touched.</summary>
    /// <param name="rangeKeysSql">Reads the raw table's <c>@profiles</c> (and <c>@scripts</c>) for the raw template; see <see cref="RangeKeysAsync"/>.</param>
    public static async Task<long> RunAsync(
        MySqlConnection connection, string fromRawTemplate, string rawTimeColumn, string rangeKeysSql, string metricType,
        WindowType windowType, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (start, end) = WholeWindows(windowType, from, to);
        var fromRaw = windowType is WindowType.Hourly or WindowType.Daily;
        var (profiles, scripts) = fromRaw ? await RangeKeysAsync(connection, rangeKeysSql, cancellationToken).ConfigureAwait(false) : ([], []);
        if (fromRaw && profiles.Count == 0)
        {
            return 0; // An empty table has no windows (and `IN ()` is no SQL).
        }

        return await connection.ExecuteAsync(new CommandDefinition(
            Statement(fromRawTemplate, rawTimeColumn, windowType),
            new { windowType = windowType.ToName(), metricType, from = start, to = end, profiles, scripts },
            commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The values of the raw table's leading index columns (profile ids, and the scripts of health) for a raw template's
    /// <c>profile_id IN @profiles</c> (and <c>script_name IN @scripts</c>) beside its time range.
    /// </summary>
    /// <remarks>
    /// The time column leads no index on Basic and Composite, so a range on it alone reads the whole table. With every
    /// value of the leading columns listed, the same range is a set of index ranges over the rows it selects, read with a
    /// loose index scan that costs a few key reads. The lists hold every value in the table, so the rows selected are the same.
    /// </remarks>
    private static async Task<(List<int> Profiles, List<string> Scripts)> RangeKeysAsync(MySqlConnection connection, string rangeKeysSql, CancellationToken cancellationToken)
    {
        var (profiles, scripts) = (new SortedSet<int>(), new SortedSet<string>(StringComparer.Ordinal));
        using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(rangeKeysSql, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            profiles.Add(reader.GetInt32(0));
            if (reader.FieldCount > 1)
            {
                scripts.Add(reader.GetString(1));
            }
        }

        return ([.. profiles], [.. scripts]);
    }

    /// <summary>Computes, without writing, the windows of one type overlapping [<paramref name="from"/>, <paramref name="to"/>) from the raw rows.</summary>
    /// <remarks>Weekly and monthly windows too are aggregated from the raw rows here, not from daily windows: an independent check.</remarks>
    public static async Task<IReadOnlyList<AggregatedMetric>> ComputeAsync(
        MySqlConnection connection, string selectFromRawTemplate, string rawTimeColumn, string rangeKeysSql, WindowType windowType,
        DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (start, end) = WholeWindows(windowType, from, to);
        var (profiles, scripts) = await RangeKeysAsync(connection, rangeKeysSql, cancellationToken).ConfigureAwait(false);
        if (profiles.Count == 0)
        {
            return [];
        }

        using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            Render(selectFromRawTemplate, windowType, rawTimeColumn),
            new { windowType = windowType.ToName(), from = start, to = end, profiles, scripts },
            commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the stored windows of one metric type and window type that start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static async Task<IReadOnlyList<AggregatedMetric>> StoredAsync(
        MySqlConnection connection, string metricType, WindowType windowType, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT profile_id, metric_type, metric_name, window_type, window_start, window_end,
                   sample_count, value_sum, value_min, value_max, positive_count, negative_count
            FROM dd_telemetry_metrics
            WHERE metric_type = @metricType AND window_type = @windowType AND window_start >= @from AND window_start < @to
            """,
            new { metricType, windowType = windowType.ToName(), from, to },
            commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads windows by position: the twelve metric columns in table order.</summary>
    private static async Task<IReadOnlyList<AggregatedMetric>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<AggregatedMetric>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AggregatedMetric(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                WindowTypes.TryParse(reader.GetString(3), out var windowType) ? windowType : throw new InvalidDataException($"Unknown window type '{reader.GetString(3)}'."),
                DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc), DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc),
                reader.GetInt64(6), reader.GetDecimal(7), reader.GetDecimal(8), reader.GetDecimal(9), reader.GetInt64(10), reader.GetInt64(11)));
        }

        return rows;
    }

    /// <summary>Recomputes every window type in order (daily before the weekly and monthly windows built from it).</summary>
    public static async Task<long> RunAllAsync(
        MySqlConnection connection, string fromRawTemplate, string rawTimeColumn, string rangeKeysSql, string metricType,
        DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        long affected = 0;
        foreach (var windowType in Enum.GetValues<WindowType>())
        {
            affected += await RunAsync(connection, fromRawTemplate, rawTimeColumn, rangeKeysSql, metricType, windowType, from, to, cancellationToken).ConfigureAwait(false);
        }

        return affected;
    }
}
