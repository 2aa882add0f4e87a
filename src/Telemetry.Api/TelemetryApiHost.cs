using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Caching.Distributed;
using OpenTelemetry.Metrics;
using Telemetry.Api.Caching;
using Telemetry.Api.Endpoints;
using Telemetry.Api.Http;
using Telemetry.Api.Monitoring;
using Telemetry.Data;
using Telemetry.Data.Queries;

namespace Telemetry.Api;

/// <summary>Builds the telemetry API, standalone (<c>dotnet run</c>) or hosted in-process by the harness.</summary>
public static class TelemetryApiHost
{
    /// <summary>Builds the application without starting it.</summary>
    public static WebApplication Build(TelemetryApiOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(_ => TelemetryDataSource.Create(options.ConnectionString));
        services.AddSingleton<TradeQueries>();
        services.AddSingleton<MetricQueries>();
        services.AddSingleton<HealthQueries>();
        services.AddSingleton<KeptFromReader>();
        services.AddMetrics();
        services.AddSingleton<ApiMetrics>();
        // OpenTelemetry's exporter rather than prometheus-net's adapter for .NET meters: that adapter publishes counters
        // as gauges and expires series that stop changing, so rates and histogram deltas between scrapes would break.
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            // The builder inside WithMetrics is deferred: the view can name this host's IMeterFactory once the container exists.
            ((IDeferredMeterProviderBuilder)metrics).Configure(static (provider, builder) => builder.AddView(ApiMetrics.OnlyFrom(provider.GetRequiredService<IMeterFactory>())));
            metrics.AddMeter(ApiMetrics.MeterName).AddPrometheusExporter(o =>
            {
                // Every scrape sees every request finished before it (the default caches the page for 300 ms).
                o.ScrapeResponseCacheDurationMilliseconds = 0;

                // No otel_scope_name/otel_scope_version labels: the series keep the label sets their readers match.
                o.ScopeInfoEnabled = false;
            });
        });
        services.AddSingleton<ApiCache>();
        services.AddHybridCache();
        if (options.RedisConfiguration is not null)
        {
            // Checked here, so a bad setting stops the start instead of failing every request.
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RedisTimeout, TimeSpan.Zero, nameof(options.RedisTimeout));
            ArgumentOutOfRangeException.ThrowIfLessThan(options.RedisRetryInterval, TimeSpan.Zero, nameof(options.RedisRetryInterval));
            // HybridCache picks up the registered IDistributedCache as its second level.
            services.AddSingleton<IDistributedCache, RedisSecondLevel>();
        }

        var databaseLimiter = DatabaseGate.CreateLimiter(options);
        services.AddSingleton(sp => new DatabaseGate(databaseLimiter, sp.GetRequiredService<ApiMetrics>()));

        // snake_case fields, as the design document names columns and parameters (entry_time, window_type, next_cursor).
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // The API reads no JSON; strict numbers make the OpenAPI schemas say "integer", not "integer or string".
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddOpenApi(o => o.AddSchemaTransformer(ProblemParameterSchema.AddAsync));

        var app = builder.Build();
        app.UseRouting();
        app.Use(RecordRequestAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapTradeEndpoints();
        app.MapMetricEndpoints();
        app.MapSystemHealthEndpoints();
        app.MapOperationsEndpoints();
        return app;
    }

    /// <summary>Starts the API on <see cref="TelemetryApiOptions.Url"/> (a free port by default) and returns once it listens.</summary>
    public static async Task<RunningTelemetryApi> StartAsync(TelemetryApiOptions options, CancellationToken cancellationToken = default)
    {
        var app = Build(options);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningTelemetryApi(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    // Outermost, so it sees the status the exception handler chose.
    private static async Task RecordRequestAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        // Read before the exception handler clears the endpoint to re-execute.
        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<EndpointNameMetadata>()?.EndpointName ?? "unmatched";
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestServices.GetRequiredService<ApiMetrics>().RecordRequest(endpoint, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
