using Microsoft.Extensions.Caching.Hybrid;
using Telemetry.Api.Monitoring;

namespace Telemetry.Api.Caching;

/// <summary>Serves answers through HybridCache (in-process, plus Redis when configured) and counts hits and misses per endpoint.</summary>
internal sealed class ApiCache(HybridCache cache, ApiMetrics metrics, TelemetryApiOptions options)
{
    /// <summary>Returns the cached answer for <paramref name="key"/>, or computes and caches it for <paramref name="ttl"/>.</summary>
    public async Task<T> GetOrCreateAsync<T>(string endpoint, string key, TimeSpan ttl, Func<CancellationToken, Task<T>> factory, CancellationToken cancellationToken)
    {
        if (!options.EnableCaching)
        {
            metrics.RecordCacheLookup(endpoint, hit: false);
            return await factory(cancellationToken);
        }

        var computed = false;
        var entryOptions = new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl };
        var value = await cache.GetOrCreateAsync(
            key,
            async ct =>
            {
                computed = true;
                return await factory(ct);
            },
            entryOptions,
            cancellationToken: cancellationToken);
        metrics.RecordCacheLookup(endpoint, hit: !computed);
        return value;
    }
}
