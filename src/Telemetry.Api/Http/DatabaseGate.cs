using System.Globalization;
using System.Threading.RateLimiting;
using MySqlConnector;
using Telemetry.Api.Monitoring;

namespace Telemetry.Api.Http;

/// <summary>
/// Sheds load in front of the database: at most <see cref="TelemetryApiOptions.DatabaseConcurrencyLimit"/> queries run at
/// once, <see cref="TelemetryApiOptions.DatabaseQueueLimit"/> more wait up to <see cref="TelemetryApiOptions.DatabaseQueueTimeout"/>,
/// and the rest fail at once with <see cref="DatabaseBusyException"/> (a 503 with <c>Retry-After</c>).
/// </summary>
/// <remarks>
/// The gate stands around the query itself, not the request: a request is validated first (bad input is a 400 however
/// busy the database is) and a cached answer needs no slot, so the cache keeps serving while the database is full.
/// </remarks>
internal sealed class DatabaseGate(RateLimiter limiter, ApiMetrics metrics) : IDisposable
{
    /// <summary>How long a shed client is asked to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary><see cref="RetryAfter"/> as the <c>Retry-After</c> header's value (whole seconds), for every 503 the API sends.</summary>
    public static string RetryAfterHeader => ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs a query once a slot is free, timed under <paramref name="query"/>.</summary>
    /// <param name="endpoint">The endpoint's name, for the shed counter.</param>
    /// <param name="query">The query's name, for the query duration histogram.</param>
    /// <param name="run">The query.</param>
    /// <param name="cancellationToken">The request's token.</param>
    /// <exception cref="DatabaseBusyException">No slot came free within the queue's bound, or the queue was full.</exception>
    public async Task<T> RunAsync<T>(string endpoint, string query, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            metrics.RecordShed(endpoint);
            throw new DatabaseBusyException();
        }

        return await metrics.TimeQueryAsync(query, () => run(cancellationToken));
    }

    /// <summary>The limiter <paramref name="options"/> ask for; the defaults follow the connection string's <c>Maximum Pool Size</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit, queue or wait that cannot work: called when the API is built, so a bad setting stops the start instead of failing every request.</exception>
    public static RateLimiter CreateLimiter(TelemetryApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var poolSize = (int)new MySqlConnectionStringBuilder(options.ConnectionString).MaximumPoolSize;
        var limit = options.DatabaseConcurrencyLimit ?? poolSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(options.DatabaseConcurrencyLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(options.DatabaseQueueLimit ?? 0, nameof(options.DatabaseQueueLimit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DatabaseQueueTimeout, TimeSpan.Zero, nameof(options.DatabaseQueueTimeout));
        var limiterOptions = new ConcurrencyLimiterOptions
        {
            PermitLimit = limit,
            QueueLimit = options.DatabaseQueueLimit ?? limit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        return new BoundedWaitConcurrencyLimiter(limiterOptions, options.DatabaseQueueTimeout);
    }

    public void Dispose() => limiter.Dispose();
}
