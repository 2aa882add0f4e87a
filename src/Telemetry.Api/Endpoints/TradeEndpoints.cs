using Microsoft.AspNetCore.Mvc;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Endpoints;

/// <summary>Maps <c>GET /api/trades/{profile_id}</c> and <c>GET /api/trades/{profile_id}/summary</c>.</summary>
internal static class TradeEndpoints
{
    public const string ListName = "trades";
    public const string SummaryName = "trades_summary";

    public static void MapTradeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/trades").WithTags("Trades");
        group.MapGet("/{profile_id}", GetTradesAsync)
            .WithName(ListName)
            .WithSummary("A profile's trades in a date range, newest first; ranges over 90 days return daily buckets; a range may not reach before what archive has moved out of the table it is answered from (raw trades, or the daily aggregates beyond 90 days).")
            .WithParameters(ApiRequests.TradeListParameters)
            .Produces<TradeList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{profile_id}/summary", GetSummaryAsync)
            .WithName(SummaryName)
            .WithSummary("Outcome statistics of a profile's trades, in total and by symbol, trade type and exit reason; a range may not reach before what archive has moved out of the table it is answered from (raw trades, or the daily aggregates beyond 90 days).")
            .WithParameters(ApiRequests.TradeSummaryParameters)
            .Produces<TradeSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> GetTradesAsync(
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, TradeQueries queries, KeptFromReader kept, ApiCache cache, DatabaseGate database, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = CachePolicy.SnappedNow(time);
        var query = await ApiRequests.TradeListAsync(profileId, request.Query, now, kept, cancellationToken);

        var key = CacheKeys.Trades(query);
        var queryName = query.UsesDailyAggregates ? "trades_daily" : query.Cursor is null ? "trades_offset" : "trades_keyset";
        var result = await cache.GetOrCreateAsync(
            ListName, key, CachePolicy.ForRange(query.Range.End, now),
            ct => database.RunAsync(ListName, queryName, c => queries.GetTradesAsync(query, c), ct),
            cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetSummaryAsync(
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, TradeQueries queries, KeptFromReader kept, ApiCache cache, DatabaseGate database, TimeProvider time, CancellationToken cancellationToken)
    {
        var (id, range) = await ApiRequests.TradeSummaryAsync(profileId, request.Query, CachePolicy.SnappedNow(time), kept, cancellationToken);

        var key = CacheKeys.Summary(id, range);
        var result = await cache.GetOrCreateAsync(
            SummaryName, key, CachePolicy.Summary,
            ct => database.RunAsync(SummaryName, range.Span > QueryLimits.RawTradesMaxRange ? "summary_daily" : "summary_raw", c => queries.GetSummaryAsync(id, range, c), ct),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
