using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Api.Monitoring;
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
            .WithSummary("A profile's trades in a date range, newest first; ranges over 90 days return daily buckets.")
            .WithParameters(ApiRequests.TradeListParameters)
            .Produces<TradeList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireDatabaseConcurrencyLimit();
        group.MapGet("/{profile_id}/summary", GetSummaryAsync)
            .WithName(SummaryName)
            .WithSummary("Outcome statistics of a profile's trades, in total and by symbol, trade type and exit reason.")
            .WithParameters(ApiRequests.TradeSummaryParameters)
            .Produces<TradeSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireDatabaseConcurrencyLimit();
    }

    private static async Task<IResult> GetTradesAsync(
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, TradeQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = CachePolicy.SnappedNow(time);
        var query = ApiRequests.TradeList(profileId, request.Query, now);

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
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, TradeQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var (id, range) = ApiRequests.TradeSummary(profileId, request.Query, CachePolicy.SnappedNow(time));

        var key = string.Create(CultureInfo.InvariantCulture, $"summary:{id}:{range.Start.Ticks}:{range.End.Ticks}");
        var result = await cache.GetOrCreateAsync(
            SummaryName, key, CachePolicy.Summary,
            ct => metrics.TimeQueryAsync(range.Span > QueryLimits.RawTradesMaxRange ? "summary_daily" : "summary_raw", () => queries.GetSummaryAsync(id, range, ct)),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
