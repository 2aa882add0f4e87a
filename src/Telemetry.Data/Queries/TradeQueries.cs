using System.Text;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Queries;

/// <summary>Reads trades: pages of a profile's trades and outcome summaries, from raw rows or daily aggregates.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="statements">How statements are sent.</param>
public sealed class TradeQueries(MySqlDataSource dataSource, StatementMode statements = StatementMode.Text)
{
    private const string TradeColumns = """
        SELECT id AS Id, profile_id AS ProfileId, symbol AS Symbol, trade_type AS TradeType, side AS Side,
               entry_time AS EntryTime, exit_time AS ExitTime, entry_price AS EntryPrice, exit_price AS ExitPrice,
               quantity AS Quantity, pnl AS Pnl, pnl_percent AS PnlPercent, exit_reason AS ExitReason
        FROM dd_trade_performance
        WHERE profile_id = @profileId AND entry_time >= @start AND entry_time <= @end
        """;

    private const string SymbolCondition = "\n  AND symbol = @symbol";
    private const string TradeTypeCondition = "\n  AND trade_type = @tradeType";
    private const string ExitReasonCondition = "\n  AND exit_reason = @exitReason";

    // A row constructor (entry_time, id) < (@t, @id) does not use the index in MariaDB; the expanded form does.
    private const string SeekCondition = "\n  AND (entry_time < @cursorTime OR (entry_time = @cursorTime AND id < @cursorId))";
    private const string NewestFirstPage = "\nORDER BY entry_time DESC, id DESC\nLIMIT @limit OFFSET @offset";

    private const string SummaryGroupsSql = """
        SELECT symbol AS Symbol, trade_type AS TradeType, exit_reason AS ExitReason,
               COUNT(*) AS Trades, CAST(SUM(pnl > 0) AS SIGNED) AS Wins, CAST(SUM(pnl < 0) AS SIGNED) AS Losses,
               SUM(pnl) AS PnlSum, MIN(pnl) AS PnlMin, MAX(pnl) AS PnlMax
        FROM dd_trade_performance
        WHERE profile_id = @profileId AND entry_time >= @start AND entry_time <= @end
        GROUP BY symbol, trade_type, exit_reason
        """;

    private const string DailyBucketsSql = """
        SELECT window_start AS WindowStart, window_end AS WindowEnd, sample_count AS Trades,
               positive_count AS Wins, negative_count AS Losses, value_sum AS PnlSum, value_min AS PnlMin, value_max AS PnlMax
        FROM dd_telemetry_metrics
        WHERE profile_id = @profileId AND window_type = 'daily'
          AND metric_type = 'trade_pnl' AND metric_name = @metricName
          AND window_start >= @start AND window_start < @end
        ORDER BY window_start DESC
        LIMIT @limit OFFSET @offset
        """;

    private const string DailySummarySql = """
        SELECT metric_name AS MetricName, CAST(SUM(sample_count) AS SIGNED) AS Trades,
               CAST(SUM(positive_count) AS SIGNED) AS Wins, CAST(SUM(negative_count) AS SIGNED) AS Losses,
               SUM(value_sum) AS PnlSum, MIN(value_min) AS PnlMin, MAX(value_max) AS PnlMax
        FROM dd_telemetry_metrics
        WHERE profile_id = @profileId AND window_type = 'daily' AND metric_type = 'trade_pnl'
          AND window_start >= @start AND window_start < @end
        GROUP BY metric_name
        """;

    /// <summary>The exact SQL and parameters <see cref="GetTradesAsync"/> runs for a raw-rows query, for plan capture.</summary>
    public static CommandDefinition BuildRawTradesCommand(TradeListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder(TradeColumns);
        // Values by name, not an anonymous template, so the prepared path can read every one back (StatementExecution).
        var parameters = new DynamicParameters(new Dictionary<string, object>
        {
            ["profileId"] = query.ProfileId,
            ["start"] = query.Range.Start,
            ["end"] = query.Range.End,
            ["limit"] = query.Limit,
            ["offset"] = query.Offset,
        });
        if (query.Filter.Symbol is { } symbol)
        {
            sql.Append(SymbolCondition);
            parameters.Add("symbol", symbol);
        }

        if (query.Filter.TradeType is { } tradeType)
        {
            sql.Append(TradeTypeCondition);
            parameters.Add("tradeType", tradeType);
        }

        if (query.Filter.ExitReason is { } exitReason)
        {
            sql.Append(ExitReasonCondition);
            parameters.Add("exitReason", exitReason);
        }

        if (query.Cursor is { } cursor)
        {
            sql.Append(SeekCondition);
            parameters.Add("cursorTime", cursor.EntryTime);
            parameters.Add("cursorId", cursor.Id);
        }

        sql.Append(NewestFirstPage);
        return new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken);
    }

    /// <summary>The SQL and parameters of the summary over raw rows, for plan capture.</summary>
    public static CommandDefinition BuildSummaryCommand(int profileId, DateRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        return new(SummaryGroupsSql, new { profileId, start = range.Start, end = range.End }, cancellationToken: cancellationToken);
    }

    /// <summary>The exact SQL and parameters <see cref="GetTradesAsync"/> runs for a range answered from daily aggregates, for plan capture.</summary>
    public static CommandDefinition BuildDailyBucketsCommand(TradeListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var days = query.Range.ToWholeDays();
        return new(DailyBucketsSql, new
        {
            profileId = query.ProfileId,
            metricName = DailyMetricName(query.Filter),
            start = days.Start,
            end = days.End,
            limit = query.Limit,
            offset = query.Offset,
        }, cancellationToken: cancellationToken);
    }

    /// <summary>The SQL and parameters of the summary over daily aggregates (ranges over 90 days), for plan capture.</summary>
    public static CommandDefinition BuildDailySummaryCommand(int profileId, DateRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        var days = range.ToWholeDays();
        return new(DailySummarySql, new { profileId, start = days.Start, end = days.End }, cancellationToken: cancellationToken);
    }

    /// <summary>A page of trades, newest first; ranges over 90 days come back as daily buckets.</summary>
    public async Task<TradeList> GetTradesAsync(TradeListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (query.UsesDailyAggregates)
        {
            var buckets = await StatementExecution.QueryAsync<TradeBucket>(connection, BuildDailyBucketsCommand(query, cancellationToken), statements).ConfigureAwait(false);
            return new TradeList("daily", query.Range.ToWholeDays(), [], buckets, query.Limit, query.Offset, null);
        }

        var trades = await StatementExecution.QueryAsync<Trade>(connection, BuildRawTradesCommand(query, cancellationToken), statements).ConfigureAwait(false);
        var next = trades.Count == query.Limit ? TradeCursor.After(query, trades[^1].EntryTime, trades[^1].Id).Encode() : null;
        return new TradeList("raw", query.Range, trades, [], query.Limit, query.Offset, next);
    }

    /// <summary>Outcome statistics of a profile's trades in a range; ranges over 90 days come from daily aggregates.</summary>
    public async Task<TradeSummary> GetSummaryAsync(int profileId, DateRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (range.Span > QueryLimits.RawTradesMaxRange)
        {
            var rows = await StatementExecution.QueryAsync<NamedStatsRow>(connection, BuildDailySummaryCommand(profileId, range, cancellationToken), statements).ConfigureAwait(false);
            return SummaryFromAggregates(profileId, range.ToWholeDays(), rows);
        }

        var groups = await StatementExecution.QueryAsync<GroupStatsRow>(connection, BuildSummaryCommand(profileId, range, cancellationToken), statements).ConfigureAwait(false);
        return SummaryFromGroups(profileId, range, groups);
    }

    private static string DailyMetricName(TradeFilter filter) =>
        filter.Symbol is { } symbol ? TradeMetrics.SymbolPrefix + symbol
        : filter.TradeType is { } tradeType ? TradeMetrics.TradeTypePrefix + tradeType
        : filter.ExitReason is { } exitReason ? TradeMetrics.ExitReasonPrefix + exitReason
        : TradeMetrics.AllTrades;

    private static TradeSummary SummaryFromGroups(int profileId, DateRange range, IEnumerable<GroupStatsRow> groups)
    {
        var total = TradeStats.Empty;
        var bySymbol = new SortedDictionary<string, TradeStats>(StringComparer.Ordinal);
        var byType = new SortedDictionary<string, TradeStats>(StringComparer.Ordinal);
        var byReason = new SortedDictionary<string, TradeStats>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var stats = new TradeStats(group.Trades, group.Wins, group.Losses, group.PnlSum, group.PnlMin, group.PnlMax);
            total = total.Add(stats);
            Accumulate(bySymbol, group.Symbol, stats);
            Accumulate(byType, group.TradeType, stats);
            Accumulate(byReason, group.ExitReason, stats);
        }

        return new TradeSummary(profileId, range, "raw", total, bySymbol, byType, byReason);
    }

    private static TradeSummary SummaryFromAggregates(int profileId, DateRange range, IEnumerable<NamedStatsRow> rows)
    {
        var total = TradeStats.Empty;
        var bySymbol = new SortedDictionary<string, TradeStats>(StringComparer.Ordinal);
        var byType = new SortedDictionary<string, TradeStats>(StringComparer.Ordinal);
        var byReason = new SortedDictionary<string, TradeStats>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var stats = new TradeStats(row.Trades, row.Wins, row.Losses, row.PnlSum, row.PnlMin, row.PnlMax);
            if (row.MetricName == TradeMetrics.AllTrades)
            {
                total = stats;
            }
            else if (row.MetricName.StartsWith(TradeMetrics.SymbolPrefix, StringComparison.Ordinal))
            {
                bySymbol[row.MetricName[TradeMetrics.SymbolPrefix.Length..]] = stats;
            }
            else if (row.MetricName.StartsWith(TradeMetrics.TradeTypePrefix, StringComparison.Ordinal))
            {
                byType[row.MetricName[TradeMetrics.TradeTypePrefix.Length..]] = stats;
            }
            else if (row.MetricName.StartsWith(TradeMetrics.ExitReasonPrefix, StringComparison.Ordinal))
            {
                byReason[row.MetricName[TradeMetrics.ExitReasonPrefix.Length..]] = stats;
            }
        }

        return new TradeSummary(profileId, range, "daily_aggregates", total, bySymbol, byType, byReason);
    }

    private static void Accumulate(SortedDictionary<string, TradeStats> into, string key, TradeStats stats) =>
        into[key] = into.TryGetValue(key, out var existing) ? existing.Add(stats) : stats;

    private sealed record GroupStatsRow(string Symbol, string TradeType, string ExitReason, long Trades, long Wins, long Losses, decimal PnlSum, decimal PnlMin, decimal PnlMax);

    private sealed record NamedStatsRow(string MetricName, long Trades, long Wins, long Losses, decimal PnlSum, decimal PnlMin, decimal PnlMax);
}
