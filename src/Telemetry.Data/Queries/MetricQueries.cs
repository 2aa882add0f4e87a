using System.Text;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Queries;

/// <summary>Reads windowed aggregates from <c>dd_telemetry_metrics</c>.</summary>
public sealed class MetricQueries(MySqlDataSource dataSource, StatementMode statements = StatementMode.Text)
{
    private const string MetricsSql = """
        SELECT profile_id AS ProfileId, metric_type AS MetricType, metric_name AS MetricName, window_type AS WindowTypeName,
               window_start AS WindowStart, window_end AS WindowEnd, sample_count AS SampleCount, value_sum AS ValueSum,
               value_min AS ValueMin, value_max AS ValueMax, positive_count AS PositiveCount, negative_count AS NegativeCount
        FROM dd_telemetry_metrics
        WHERE profile_id = @profileId AND window_type = @windowType
          AND window_start >= @start AND window_start <= @end
        """;

    private const string MetricTypeCondition = "\n  AND metric_type = @metricType";
    private const string MetricNameCondition = "\n  AND metric_name = @metricName";
    private const string NewestFirstPage = "\nORDER BY window_start DESC, metric_type, metric_name\nLIMIT @limit OFFSET @offset";

    /// <summary>The exact SQL and parameters <see cref="GetMetricsAsync"/> runs, for plan capture.</summary>
    public static CommandDefinition BuildCommand(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder(MetricsSql);
        // Values by name, not an anonymous template, so the prepared path can read every one back (StatementExecution). The
        // range starts at the start of the window holding its start: a range that starts inside a window overlaps it (the
        // default 30 days, monthly, on the 31st started after the month's only window began and found none).
        var parameters = new DynamicParameters(new Dictionary<string, object>
        {
            ["profileId"] = query.ProfileId,
            ["windowType"] = query.WindowType.ToName(),
            ["start"] = query.WindowType.WindowStart(query.Range.Start),
            ["end"] = query.Range.End,
            ["limit"] = query.Limit,
            ["offset"] = query.Offset,
        });
        if (query.MetricType is { } metricType)
        {
            sql.Append(MetricTypeCondition);
            parameters.Add("metricType", metricType);
        }

        if (query.MetricName is { } metricName)
        {
            sql.Append(MetricNameCondition);
            parameters.Add("metricName", metricName);
        }

        sql.Append(NewestFirstPage);
        return new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken);
    }

    /// <summary>A page of the windows that overlap the range (the one holding its start, and every one starting in it), newest first.</summary>
    public async Task<IReadOnlyList<AggregatedMetric>> GetMetricsAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StatementExecution.QueryAsync<MetricRow>(connection, BuildCommand(query, cancellationToken), statements).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToMetric())];
    }

    private sealed record MetricRow(
        int ProfileId, string MetricType, string MetricName, string WindowTypeName, DateTime WindowStart, DateTime WindowEnd,
        long SampleCount, decimal ValueSum, decimal ValueMin, decimal ValueMax, long PositiveCount, long NegativeCount)
    {
        public AggregatedMetric ToMetric() => new(
            ProfileId, MetricType, MetricName,
            WindowTypes.TryParse(WindowTypeName, out var windowType) ? windowType : throw new InvalidDataException($"Unknown window_type '{WindowTypeName}'."),
            WindowStart, WindowEnd, SampleCount, ValueSum, ValueMin, ValueMax, PositiveCount, NegativeCount);
    }
}
