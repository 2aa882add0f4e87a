using Microsoft.AspNetCore.Mvc;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Endpoints;

/// <summary>Maps <c>GET /api/health/{profile_id}</c>: the system-health samples of one trading script.</summary>
internal static class SystemHealthEndpoints
{
    public const string Name = "health";

    public static void MapSystemHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health/{profile_id}", GetHealthAsync)
            .WithTags("System health")
            .WithName(Name)
            .WithSummary("One script's health samples of a profile in a date range, newest first; the range may not reach before the samples retention has deleted.")
            .WithParameters(ApiRequests.HealthParameters)
            .Produces<HealthPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> GetHealthAsync(
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, HealthQueries queries, KeptFromReader kept, ApiCache cache, DatabaseGate database, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = CachePolicy.SnappedNow(time);
        var query = await ApiRequests.HealthAsync(profileId, request.Query, now, kept, cancellationToken);
        var key = CacheKeys.Health(query);
        var result = await cache.GetOrCreateAsync(
            Name, key, CachePolicy.ForRange(query.Range.End, now),
            async ct => new HealthPage(query.Range, query.Limit, query.Offset, await database.RunAsync(Name, "health", c => queries.GetHealthAsync(query, c), ct)),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
