using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Telemetry.Api.Monitoring;

namespace Telemetry.Api.Endpoints;

/// <summary>Maps liveness (<c>/healthz</c>), readiness (<c>/readyz</c>), Prometheus metrics (<c>/metrics</c>) and the OpenAPI document.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithName("liveness");
        app.MapHealthChecks("/readyz").WithName("readiness");
        app.MapGet("/metrics", (ApiMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .WithName("prometheus")
            .ExcludeFromDescription();
        app.MapOpenApi().WithName("openapi");
    }
}
