using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Telemetry.Api.Monitoring;

namespace Telemetry.Api.Endpoints;

/// <summary>
/// Maps liveness (<c>/healthz</c>), readiness (<c>/readyz</c>), Prometheus metrics (<c>/metrics</c>), the OpenAPI document
/// (<c>/openapi/v1.json</c>) and, in development, its interactive reference page (<c>/scalar</c>).
/// </summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithName("liveness");
        app.MapHealthChecks("/readyz").WithName("readiness");
        app.MapGet("/metrics", (ApiMetrics metrics, ResilienceMetrics resilience) => Results.Text(metrics.Render() + resilience.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .WithName("prometheus")
            .ExcludeFromDescription();
        app.MapOpenApi().WithName("openapi");
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }
    }
}
