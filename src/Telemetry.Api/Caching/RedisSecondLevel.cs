using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using MySqlConnector;
using StackExchange.Redis;
using Telemetry.Api.Monitoring;

namespace Telemetry.Api.Caching;

/// <summary>
/// HybridCache's second level on Redis, bounded: an operation that fails or takes longer than <see cref="TelemetryApiOptions.RedisTimeout"/>
/// reads as a miss (or a skipped write), and Redis is then left alone for <see cref="TelemetryApiOptions.RedisRetryInterval"/>.
/// </summary>
/// <remarks>
/// So a dead or hung Redis costs a request at most one timeout, and only while Redis is being tried; answers come from the in-process
/// level and the database. An abandoned operation finishes into its own byte array, which nothing reads. HybridCache calls only the
/// asynchronous members; the synchronous ones pass straight through.
/// </remarks>
internal sealed partial class RedisSecondLevel : IDistributedCache, IDisposable
{
    private readonly RedisCache _redis;
    private readonly ApiMetrics _metrics;
    private readonly TelemetryApiOptions _options;
    private readonly ILogger<RedisSecondLevel> _logger;

    // Environment.TickCount64 until which Redis is skipped; 0 while it is in use.
    private long _skipUntil;

    public RedisSecondLevel(TelemetryApiOptions options, ApiMetrics metrics, ILogger<RedisSecondLevel> logger)
    {
        var timeout = (int)options.RedisTimeout.TotalMilliseconds;
        var configuration = ConfigurationOptions.Parse(options.RedisConfiguration!);
        // Start and keep reconnecting in the background when Redis is away, and fail commands at once while disconnected.
        // The connect keeps the client's own timeout: requests never wait for it longer than RedisTimeout (RunAsync), and on a
        // busy host a handshake cut at 250 ms would fail again and again.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.AsyncTimeout = configuration.SyncTimeout = timeout;
        var instance = CacheKeys.RedisInstance(new MySqlConnectionStringBuilder(options.ConnectionString).Database, options.CacheDataIdentity);
        _redis = new RedisCache(Options.Create(new RedisCacheOptions { ConfigurationOptions = configuration, InstanceName = instance }));
        _metrics = metrics;
        _options = options;
        _logger = logger;
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        RunAsync("get", ct => _redis.GetAsync(key, ct), null, token);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync("set", async ct =>
        {
            await _redis.SetAsync(key, value, options, ct).ConfigureAwait(false);
            return true;
        }, false, token);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        RunAsync("refresh", async ct =>
        {
            await _redis.RefreshAsync(key, ct).ConfigureAwait(false);
            return true;
        }, false, token);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        RunAsync("remove", async ct =>
        {
            await _redis.RemoveAsync(key, ct).ConfigureAwait(false);
            return true;
        }, false, token);

    public byte[]? Get(string key) => _redis.Get(key);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _redis.Set(key, value, options);

    public void Refresh(string key) => _redis.Refresh(key);

    public void Remove(string key) => _redis.Remove(key);

    public void Dispose() => _redis.Dispose();

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> run, T unavailable, CancellationToken cancellationToken)
    {
        if (!TryEnter())
        {
            _metrics.RecordRedisSkipped(operation);
            return unavailable;
        }

        try
        {
            var result = await run(cancellationToken).WaitAsync(_options.RedisTimeout, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _skipUntil, 0) != 0)
            {
                LogRedisBack(_logger);
            }

            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong in the second level, the request goes on without it.
            _metrics.RecordRedisFailure(operation);
            if (Interlocked.Exchange(ref _skipUntil, Environment.TickCount64 + (long)_options.RedisRetryInterval.TotalMilliseconds) == 0)
            {
                LogRedisUnavailable(_logger, exception, operation, _options.RedisRetryInterval.TotalSeconds);
            }

            return unavailable;
        }
    }

    // In use: go. Skipped and not yet due: skip. Due: one caller claims the retry by moving the deadline past its timeout, the rest keep skipping.
    private bool TryEnter()
    {
        var until = Volatile.Read(ref _skipUntil);
        if (until == 0)
        {
            return true;
        }

        var now = Environment.TickCount64;
        return now >= until && Interlocked.CompareExchange(ref _skipUntil, now + (long)_options.RedisTimeout.TotalMilliseconds, until) == until;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis (second cache level) failed on {Operation}; answering from the in-process cache and the database, retrying in {RetrySeconds} s")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception, string operation, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis (second cache level) answers again; using it")]
    private static partial void LogRedisBack(ILogger logger);
}
