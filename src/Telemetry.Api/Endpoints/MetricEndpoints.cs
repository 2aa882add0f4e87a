using Microsoft.AspNetCore.Mvc;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Endpoints;

/// <summary>Maps <c>GET /api/metrics/{profile_id}</c>.</summary>
internal static class MetricEndpoints
{
    public const string Name = "metrics";

    public static void MapMetricEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics/{profile_id}", GetMetricsAsync)
            .WithTags("Metrics")
            .WithName(Name)
            .WithSummary("A profile's windowed aggregates (hourly, daily, weekly or monthly), newest window first; the range may not reach before the windows archive has moved out.")
            .WithParameters(ApiRequests.MetricParameters)
            .Produces<MetricPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> GetMetricsAsync(
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, MetricQueries queries, KeptFromReader kept, ApiCache cache, DatabaseGate database, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = CachePolicy.SnappedNow(time);
        var query = await ApiRequests.MetricsAsync(profileId, request.Query, now, kept, cancellationToken);
        var key = CacheKeys.Metrics(query);
        var ttl = query.WindowType == WindowType.Hourly ? CachePolicy.ForRange(query.Range.End, now) : CachePolicy.Historical;
        var result = await cache.GetOrCreateAsync(
            Name, key, ttl,
            async ct => new MetricPage(query.Range, query.Limit, query.Offset, await database.RunAsync(Name, "metrics_" + query.WindowType.ToName(), c => queries.GetMetricsAsync(query, c), ct)),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
