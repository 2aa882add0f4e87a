using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Telemetry.Api.Monitoring;

/// <summary>What the API did without a part underneath it: Redis operations that failed or were skipped, and requests shed under overload.</summary>
/// <remarks>Kept apart from <see cref="ApiMetrics"/>; <c>GET /metrics</c> appends these series to its output.</remarks>
internal sealed class ResilienceMetrics
{
    private readonly ConcurrentDictionary<string, long> _redisFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _redisSkipped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _shed = new(StringComparer.Ordinal);

    /// <summary>Records a Redis operation that threw or outlasted its timeout.</summary>
    public void RecordRedisFailure(string operation) => _redisFailures.AddOrUpdate(operation, 1, (_, n) => n + 1);

    /// <summary>Records a Redis operation not attempted because Redis failed moments ago.</summary>
    public void RecordRedisSkipped(string operation) => _redisSkipped.AddOrUpdate(operation, 1, (_, n) => n + 1);

    /// <summary>Records a request refused with 503 because the database-backed endpoints were full.</summary>
    public void RecordShed(string endpoint) => _shed.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    /// <summary>Renders the series in Prometheus text exposition format 0.0.4.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        Append(output, "telemetry_cache_redis_failures_total", "Redis operations of the second cache level that failed or timed out, by operation.", "operation", _redisFailures);
        Append(output, "telemetry_cache_redis_skipped_total", "Redis operations skipped while Redis was marked unavailable, by operation.", "operation", _redisSkipped);
        Append(output, "telemetry_http_requests_shed_total", "Requests answered 503 because the database-backed endpoints' concurrency limit and queue were full, by endpoint.", "endpoint", _shed);
        return output.ToString();
    }

    private static void Append(StringBuilder output, string name, string help, string label, ConcurrentDictionary<string, long> counts)
    {
        output.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var (value, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.Append(CultureInfo.InvariantCulture, $"{name}{{{label}=\"{value}\"}} {count}\n");
        }
    }
}
