using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MySqlConnector;
using Telemetry.Api.Monitoring;

namespace Telemetry.Api.Http;

/// <summary>
/// Sheds load in front of the database-backed endpoints: at most <see cref="TelemetryApiOptions.DatabaseConcurrencyLimit"/> run at once,
/// <see cref="TelemetryApiOptions.DatabaseQueueLimit"/> more wait up to <see cref="TelemetryApiOptions.DatabaseQueueTimeout"/>, and the rest
/// are answered at once with 503, <c>Retry-After</c> and problem details.
/// </summary>
internal static class DatabaseConcurrency
{
    /// <summary>How long a shed client is asked to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary><see cref="RetryAfter"/> as the <c>Retry-After</c> header's value (whole seconds), for every 503 the API sends.</summary>
    public static string RetryAfterHeader => ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private const string PolicyName = "database";

    /// <summary>Registers the limiter; the defaults follow the connection string's <c>Maximum Pool Size</c>.</summary>
    public static IServiceCollection AddDatabaseConcurrencyLimit(this IServiceCollection services, TelemetryApiOptions options)
    {
        var poolSize = (int)new MySqlConnectionStringBuilder(options.ConnectionString).MaximumPoolSize;
        var limit = options.DatabaseConcurrencyLimit ?? poolSize;
        // Checked here, so a bad setting stops the start instead of failing every request.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(options.DatabaseConcurrencyLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(options.DatabaseQueueLimit ?? 0, nameof(options.DatabaseQueueLimit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DatabaseQueueTimeout, TimeSpan.Zero, nameof(options.DatabaseQueueTimeout));
        var limiterOptions = new ConcurrencyLimiterOptions
        {
            PermitLimit = limit,
            QueueLimit = options.DatabaseQueueLimit ?? limit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            o.OnRejected = (context, _) => RejectAsync(context);
            o.AddPolicy(PolicyName, _ => RateLimitPartition.Get(PolicyName, _ => new BoundedWaitConcurrencyLimiter(limiterOptions, options.DatabaseQueueTimeout)));
        });
    }

    /// <summary>Puts the endpoints behind the limiter.</summary>
    public static RouteHandlerBuilder RequireDatabaseConcurrencyLimit(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(PolicyName).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async ValueTask RejectAsync(OnRejectedContext context)
    {
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<EndpointNameMetadata>()?.EndpointName ?? "unmatched";
        http.RequestServices.GetRequiredService<ApiMetrics>().RecordShed(endpoint);
        var retrySeconds = RetryAfterHeader;
        http.Response.Headers.RetryAfter = retrySeconds;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Too many requests in progress",
                Detail = $"The database-backed endpoints are at their concurrency limit and queue; retry after {retrySeconds} s.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            },
        });
    }
}
