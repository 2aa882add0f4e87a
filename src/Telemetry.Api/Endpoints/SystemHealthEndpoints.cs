using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Telemetry.Api.Caching;
using Telemetry.Api.Http;
using Telemetry.Api.Monitoring;
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
            .WithSummary("One script's health samples of a profile in a date range, newest first.")
            .WithParameters(ApiRequests.HealthParameters)
            .Produces<HealthPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireDatabaseConcurrencyLimit();
    }

    private static async Task<IResult> GetHealthAsync(
        [FromRoute(Name = ParameterNames.ProfileId)] string profileId, HttpRequest request, HealthQueries queries, ApiCache cache, ApiMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = CachePolicy.SnappedNow(time);
        var query = ApiRequests.Health(profileId, request.Query, now);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"health:{query.ProfileId}:{query.ScriptName}:{query.Range.Start.Ticks}:{query.Range.End.Ticks}:{query.Limit}:{query.Offset}");
        var result = await cache.GetOrCreateAsync(
            Name, key, CachePolicy.ForRange(query.Range.End, now),
            async ct => new HealthPage(query.Range, query.Limit, query.Offset, await metrics.TimeQueryAsync("health", () => queries.GetHealthAsync(query, ct))),
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
