using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Api.Monitoring;
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
            .WithSummary("A profile's windowed aggregates (hourly, daily, weekly or monthly), newest window first.")
            .WithParameters(ApiRequests.MetricParameters)
            .Produces<MetricPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireDatabaseConcurrencyLimit();
    }

    private static async Task<IResult> GetMetricsAsync(
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, MetricQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = CachePolicy.SnappedNow(time);
        var query = ApiRequests.Metrics(profileId, request.Query, now);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"metrics:{query.ProfileId}:{query.WindowType}:{query.MetricType}:{query.MetricName}:{query.Range.Start.Ticks}:{query.Range.End.Ticks}:{query.Limit}:{query.Offset}");
        var ttl = query.WindowType == WindowType.Hourly ? CachePolicy.ForRange(query.Range.End, now) : CachePolicy.Historical;
        var result = await cache.GetOrCreateAsync(
            Name, key, ttl,
            async ct => new MetricPage(query.Range, query.Limit, query.Offset, await metrics.TimeQueryAsync("metrics_" + query.WindowType.ToName(), () => queries.GetMetricsAsync(query, ct))),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
