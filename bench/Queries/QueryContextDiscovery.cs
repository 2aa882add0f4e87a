using Dapper;
using MySqlConnector;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>Finds a dataset's <see cref="QueryContext"/> from its rows, so every run on the same data asks the same questions.</summary>
public static class QueryContextDiscovery
{
    // Ties break on the lower id, so the choice is deterministic.
    private const string ProfileCountsSql = """
        SELECT profile_id AS ProfileId, COUNT(*) AS Trades
        FROM dd_trade_performance
        GROUP BY profile_id
        ORDER BY Trades DESC, profile_id
        """;

    // A loose index scan on (profile_id, entry_time): one probe per profile.
    private const string NewestTradeSql = """
        SELECT MAX(newest) FROM (SELECT MAX(entry_time) AS newest FROM dd_trade_performance GROUP BY profile_id) AS p
        """;

    private const string TopSymbolSql = """
        SELECT symbol FROM dd_trade_performance
        WHERE profile_id = @profileId AND entry_time >= @start AND entry_time <= @end
        GROUP BY symbol ORDER BY COUNT(*) DESC, symbol LIMIT 1
        """;

    private const string TopScriptSql = """
        SELECT script_name FROM dd_system_health
        WHERE profile_id = @profileId
        GROUP BY script_name ORDER BY COUNT(*) DESC, script_name LIMIT 1
        """;

    private const string CountInRangeSql = """
        SELECT COUNT(*) FROM dd_trade_performance
        WHERE profile_id = @profileId AND entry_time >= @start AND entry_time <= @end
        """;

    /// <summary>Reads the context from the variant database <paramref name="dataSource"/> points at.</summary>
    /// <exception cref="InvalidOperationException">The database holds no trades.</exception>
    public static async Task<QueryContext> DiscoverAsync(MySqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var counts = (await connection.QueryAsync<(int ProfileId, long Trades)>(new CommandDefinition(ProfileCountsSql, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        if (counts.Count == 0)
        {
            throw new InvalidOperationException("The dataset holds no trades; seed it first.");
        }

        var hot = counts[0].ProfileId;
        var cold = counts.OrderBy(c => c.Trades).ThenBy(c => c.ProfileId).First().ProfileId;
        var newest = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(NewestTradeSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // The last microsecond of the newest day: ranges are inclusive, and ending at midnight would touch the next month's partition.
        var anchor = DateTime.SpecifyKind(newest.Date.AddDays(1).AddTicks(-10), DateTimeKind.Utc);
        var month = new DateRange(anchor - QueryWindow.ThirtyDays.Span(), anchor);

        var symbol = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            TopSymbolSql, new { profileId = hot, start = month.Start, end = month.End }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var hotScript = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(TopScriptSql, new { profileId = hot }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var coldScript = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(TopScriptSql, new { profileId = cold }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var inMonth = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountInRangeSql, new { profileId = hot, start = month.Start, end = month.End }, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // Half-way into the month (whole pages), capped: deep enough that offset paging shows its cost.
        var deepOffset = (int)Math.Min(QueryContext.MaxDeepOffset, inMonth / 2 / QueryContext.DeepPageSize * QueryContext.DeepPageSize);
        string? cursor = null;
        if (deepOffset > 0)
        {
            // The row before the deep page, fetched through the query layer itself, gives the keyset cursor for the same page.
            var before = TradeListQuery.Create(hot, month, TradeFilter.None, 1, deepOffset - 1, null);
            var page = await new TradeQueries(dataSource).GetTradesAsync(before, cancellationToken).ConfigureAwait(false);
            cursor = page.NextCursor;
        }

        return new QueryContext(hot, cold, anchor, symbol ?? "NONE", hotScript ?? "none", coldScript ?? hotScript ?? "none", deepOffset, cursor);
    }
}
