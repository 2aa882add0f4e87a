using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Telemetry.Api.Monitoring;

/// <summary>The API's own measurements: requests and latency per endpoint, cache hits and misses, query timings.</summary>
/// <remarks>Exposed at <c>GET /metrics</c> in Prometheus text format, where monitoring (and the harness) read them.</remarks>
internal sealed class ApiMetrics
{
    private readonly ConcurrentDictionary<(string Endpoint, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, PrometheusHistogram> _requestDurations = new();
    private readonly ConcurrentDictionary<string, PrometheusHistogram> _queryDurations = new();
    private readonly ConcurrentDictionary<(string Endpoint, bool Hit), long> _cacheLookups = new();

    /// <summary>Records one finished HTTP request.</summary>
    public void RecordRequest(string endpoint, int status, TimeSpan duration)
    {
        _requests.AddOrUpdate((endpoint, status), 1, (_, n) => n + 1);
        _requestDurations.GetOrAdd(endpoint, _ => new PrometheusHistogram()).Record(duration);
    }

    /// <summary>Records whether a cache lookup was answered from cache.</summary>
    public void RecordCacheLookup(string endpoint, bool hit) => _cacheLookups.AddOrUpdate((endpoint, hit), 1, (_, n) => n + 1);

    /// <summary>Runs a database query and records how long it took under <paramref name="query"/>.</summary>
    public async Task<T> TimeQueryAsync<T>(string query, Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await run();
        }
        finally
        {
            _queryDurations.GetOrAdd(query, _ => new PrometheusHistogram()).Record(Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Cache hits and lookups summed over endpoints.</summary>
    public (long Hits, long Lookups) CacheTotals()
    {
        long hits = 0, lookups = 0;
        foreach (var ((_, hit), count) in _cacheLookups)
        {
            lookups += count;
            hits += hit ? count : 0;
        }

        return (hits, lookups);
    }

    /// <summary>Renders every series in Prometheus text exposition format 0.0.4.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        output.Append("# HELP telemetry_http_requests_total HTTP requests served, by endpoint and status.\n# TYPE telemetry_http_requests_total counter\n");
        foreach (var ((endpoint, status), count) in _requests.OrderBy(r => r.Key.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Key.Status))
        {
            output.Append(CultureInfo.InvariantCulture, $"telemetry_http_requests_total{{endpoint=\"{endpoint}\",status=\"{status}\"}} {count}\n");
        }

        output.Append("# HELP telemetry_http_request_duration_seconds Time to serve a request, by endpoint.\n# TYPE telemetry_http_request_duration_seconds histogram\n");
        foreach (var (endpoint, histogram) in _requestDurations.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            histogram.WriteTo(output, "telemetry_http_request_duration_seconds", $"endpoint=\"{endpoint}\"");
        }

        output.Append("# HELP telemetry_query_duration_seconds Database time per query, cache misses only.\n# TYPE telemetry_query_duration_seconds histogram\n");
        foreach (var (query, histogram) in _queryDurations.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            histogram.WriteTo(output, "telemetry_query_duration_seconds", $"query=\"{query}\"");
        }

        output.Append("# HELP telemetry_cache_requests_total Cache lookups, by endpoint and result (hit or miss).\n# TYPE telemetry_cache_requests_total counter\n");
        foreach (var ((endpoint, hit), count) in _cacheLookups.OrderBy(r => r.Key.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Key.Hit))
        {
            output.Append(CultureInfo.InvariantCulture, $"telemetry_cache_requests_total{{endpoint=\"{endpoint}\",result=\"{(hit ? "hit" : "miss")}\"}} {count}\n");
        }

        var (hits, lookups) = CacheTotals();
        output.Append("# HELP telemetry_cache_hit_ratio Cache hits over lookups since start (the strategy asks to act below 0.8).\n# TYPE telemetry_cache_hit_ratio gauge\n");
        output.Append(CultureInfo.InvariantCulture, $"telemetry_cache_hit_ratio {(lookups == 0 ? 0 : (double)hits / lookups).ToString("0.####", CultureInfo.InvariantCulture)}\n");
        return output.ToString();
    }
}
