using System.Globalization;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Api.Monitoring;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Endpoints;

/// <summary>Maps <c>GET /api/metrics/{profileId}</c>.</summary>
internal static class MetricEndpoints
{
    public const string Name = "metrics";

    public static void MapMetricEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics/{profileId}", GetMetricsAsync)
            .WithTags("Metrics")
            .WithName(Name)
            .WithSummary("A profile's windowed aggregates (hourly, daily, weekly or monthly), newest window first.")
            .Produces<MetricPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetMetricsAsync(
        string profileId, HttpRequest request, MetricQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.From(request, "windowType", "metricType", "metricName", "start", "end", "limit", "offset");
        var now = CachePolicy.SnappedNow(time);
        var query = new MetricQuery(
            QueryRules.ParseProfileId(profileId),
            QueryRules.ParseWindowType(parameters["windowType"], WindowType.Daily),
            QueryRules.ParseName(parameters["metricType"], "metricType", 32),
            QueryRules.ParseName(parameters["metricName"], "metricName", 96),
            DateRange.Resolve(QueryRules.ParseInstant(parameters["start"], "start"), QueryRules.ParseInstant(parameters["end"], "end"), QueryLimits.DefaultAggregateRange, now),
            QueryRules.ParseLimit(parameters["limit"]),
            QueryRules.ParseOffset(parameters["offset"]));

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
