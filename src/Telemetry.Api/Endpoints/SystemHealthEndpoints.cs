using System.Globalization;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Api.Monitoring;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Endpoints;

/// <summary>Maps <c>GET /api/health/{profileId}</c>: the system-health samples of one trading script.</summary>
internal static class SystemHealthEndpoints
{
    public const string Name = "health";

    public static void MapSystemHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health/{profileId}", GetHealthAsync)
            .WithTags("System health")
            .WithName(Name)
            .WithSummary("One script's health samples of a profile in a date range, newest first.")
            .Produces<HealthPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetHealthAsync(
        string profileId, HttpRequest request, HealthQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.From(request, "script", "start", "end", "limit", "offset");
        var now = CachePolicy.SnappedNow(time);
        var query = new HealthQuery(
            QueryRules.ParseProfileId(profileId),
            QueryRules.ParseRequiredName(parameters["script"], "script", 64),
            DateRange.Resolve(QueryRules.ParseInstant(parameters["start"], "start"), QueryRules.ParseInstant(parameters["end"], "end"), QueryLimits.DefaultHealthRange, now),
            QueryRules.ParseLimit(parameters["limit"]),
            QueryRules.ParseOffset(parameters["offset"]));

        var key = string.Create(CultureInfo.InvariantCulture,
            $"health:{query.ProfileId}:{query.ScriptName}:{query.Range.Start.Ticks}:{query.Range.End.Ticks}:{query.Limit}:{query.Offset}");
        var result = await cache.GetOrCreateAsync(
            Name, key, CachePolicy.ForRange(query.Range.End, now),
            async ct => new HealthPage(query.Range, query.Limit, query.Offset, await metrics.TimeQueryAsync("health", () => queries.GetHealthAsync(query, ct))),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
