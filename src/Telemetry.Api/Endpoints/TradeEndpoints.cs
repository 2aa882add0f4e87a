using System.Globalization;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Api.Monitoring;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Endpoints;

/// <summary>Maps <c>GET /api/trades/{profileId}</c> and <c>GET /api/trades/{profileId}/summary</c>.</summary>
internal static class TradeEndpoints
{
    public const string ListName = "trades";
    public const string SummaryName = "trades_summary";

    public static void MapTradeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/trades").WithTags("Trades");
        group.MapGet("/{profileId}", GetTradesAsync)
            .WithName(ListName)
            .WithSummary("A profile's trades in a date range, newest first; ranges over 90 days return daily buckets.")
            .Produces<TradeList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{profileId}/summary", GetSummaryAsync)
            .WithName(SummaryName)
            .WithSummary("Outcome statistics of a profile's trades, in total and by symbol, trade type and exit reason.")
            .Produces<TradeSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetTradesAsync(
        string profileId, HttpRequest request, TradeQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.From(request, "start", "end", "limit", "offset", "cursor", "symbol", "tradeType", "exitReason");
        var now = CachePolicy.SnappedNow(time);
        var query = TradeListQuery.Create(
            QueryRules.ParseProfileId(profileId),
            DateRange.Resolve(QueryRules.ParseInstant(parameters["start"], "start"), QueryRules.ParseInstant(parameters["end"], "end"), QueryLimits.DefaultTradeRange, now),
            new TradeFilter(
                QueryRules.ParseSymbol(parameters["symbol"]),
                QueryRules.ParseOneOf(parameters["tradeType"], "tradeType", TradeVocabulary.TradeTypes),
                QueryRules.ParseOneOf(parameters["exitReason"], "exitReason", TradeVocabulary.ExitReasons)),
            QueryRules.ParseLimit(parameters["limit"]),
            QueryRules.ParseOffset(parameters["offset"]),
            parameters["cursor"]);

        var key = string.Create(CultureInfo.InvariantCulture,
            $"trades:{query.ProfileId}:{query.Range.Start.Ticks}:{query.Range.End.Ticks}:{query.Filter.Symbol}:{query.Filter.TradeType}:{query.Filter.ExitReason}:{query.Limit}:{query.Offset}:{query.Cursor?.Encode()}");
        var queryName = query.UsesDailyAggregates ? "trades_daily" : query.Cursor is null ? "trades_offset" : "trades_keyset";
        var result = await cache.GetOrCreateAsync(
            ListName, key, CachePolicy.ForRange(query.Range.End, now),
            ct => metrics.TimeQueryAsync(queryName, () => queries.GetTradesAsync(query, ct)),
            cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetSummaryAsync(
        string profileId, HttpRequest request, TradeQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.From(request, "start", "end");
        var id = QueryRules.ParseProfileId(profileId);
        var range = DateRange.Resolve(
            QueryRules.ParseInstant(parameters["start"], "start"), QueryRules.ParseInstant(parameters["end"], "end"),
            QueryLimits.DefaultAggregateRange, CachePolicy.SnappedNow(time));

        var key = string.Create(CultureInfo.InvariantCulture, $"summary:{id}:{range.Start.Ticks}:{range.End.Ticks}");
        var result = await cache.GetOrCreateAsync(
            SummaryName, key, CachePolicy.Summary,
            ct => metrics.TimeQueryAsync(range.Span > QueryLimits.RawTradesMaxRange ? "summary_daily" : "summary_raw", () => queries.GetSummaryAsync(id, range, ct)),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
