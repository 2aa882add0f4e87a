namespace Telemetry.Data.Queries;

/// <summary>A validated request for a profile's trades, newest first.</summary>
/// <param name="ProfileId">The profile.</param>
/// <param name="Range">The entry-time range, inclusive at both ends.</param>
/// <param name="Filter">Optional equality filters.</param>
/// <param name="Limit">Rows per page.</param>
/// <param name="Offset">Rows to skip (offset paging); 0 with a cursor.</param>
/// <param name="Cursor">The keyset position after which to continue, or null for the first page.</param>
public sealed record TradeListQuery(int ProfileId, DateRange Range, TradeFilter Filter, int Limit, int Offset, TradeCursor? Cursor)
{
    /// <summary>Whether the range is wide enough that the answer comes from daily aggregates.</summary>
    public bool UsesDailyAggregates => Range.Span > QueryLimits.RawTradesMaxRange;

    /// <summary>Builds a query and checks the rules that span parameters.</summary>
    /// <exception cref="QueryValidationException">
    /// Offset and cursor together, a cursor on an aggregated range or issued for another query, or several filters on an aggregated range.
    /// </exception>
    public static TradeListQuery Create(int profileId, DateRange range, TradeFilter filter, int limit, int offset, TradeCursor? cursor)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(filter);
        if (cursor is not null && offset != 0)
        {
            throw new QueryValidationException(ParameterNames.Offset, $"Pass either {ParameterNames.Offset} or {ParameterNames.Cursor}, not both.");
        }

        var query = new TradeListQuery(profileId, range, filter, limit, offset, cursor);
        if (query.UsesDailyAggregates && cursor is not null)
        {
            throw new QueryValidationException(ParameterNames.Cursor, $"Ranges over 90 days return daily buckets, which page by {ParameterNames.Offset}, not {ParameterNames.Cursor}.");
        }

        if (cursor is not null && !cursor.IsFor(query))
        {
            throw new QueryValidationException(
                ParameterNames.Cursor,
                $"{ParameterNames.Cursor} belongs to another query: pass it with the profile, filters, {ParameterNames.StartTime} and {ParameterNames.EndTime} of the page that returned it ({ParameterNames.StartTime} and {ParameterNames.EndTime} may be left out: the cursor keeps that page's range).");
        }

        if (query.UsesDailyAggregates && filter.Count > 1)
        {
            throw new QueryValidationException(
                ParameterNames.StartTime,
                $"Ranges over 90 days are answered from daily aggregates, which allow at most one of {ParameterNames.Symbol}, {ParameterNames.TradeType}, {ParameterNames.ExitReason}; narrow the range to combine them.");
        }

        return query;
    }
}
