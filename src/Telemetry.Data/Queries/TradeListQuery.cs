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
    /// <exception cref="QueryValidationException">Offset and cursor together, a cursor on an aggregated range, or several filters on one.</exception>
    public static TradeListQuery Create(int profileId, DateRange range, TradeFilter filter, int limit, int offset, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(filter);
        var decoded = string.IsNullOrEmpty(cursor) ? null : TradeCursor.Decode(cursor);
        if (decoded is not null && offset != 0)
        {
            throw new QueryValidationException(ParameterNames.Offset, $"Pass either {ParameterNames.Offset} or {ParameterNames.Cursor}, not both.");
        }

        var query = new TradeListQuery(profileId, range, filter, limit, offset, decoded);
        if (query.UsesDailyAggregates && decoded is not null)
        {
            throw new QueryValidationException(ParameterNames.Cursor, $"Ranges over 90 days return daily buckets, which page by {ParameterNames.Offset}, not {ParameterNames.Cursor}.");
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
