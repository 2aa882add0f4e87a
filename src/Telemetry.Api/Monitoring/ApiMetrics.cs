using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Telemetry.Api.Monitoring;

/// <summary>The API's own measurements: requests and latency per endpoint, cache hits and misses, query timings.</summary>
/// <remarks>
/// Recorded through <see cref="System.Diagnostics.Metrics"/> and served at <c>GET /metrics</c> by OpenTelemetry's
/// Prometheus exporter, where monitoring (and the jobs' <c>ApiMonitor</c>) read them. The exported names are the ones
/// readers know: <c>telemetry_http_requests_total</c>, <c>telemetry_http_request_duration_seconds</c>,
/// <c>telemetry_query_duration_seconds</c>, <c>telemetry_cache_requests_total</c>, <c>telemetry_cache_hit_ratio</c>, and what the API
/// did without a part underneath it: <c>telemetry_cache_redis_failures_total</c>, <c>telemetry_cache_redis_skipped_total</c>,
/// <c>telemetry_http_requests_shed_total</c>.
/// <para>
/// One instance per host, its <see cref="Meter"/> made by the host's <see cref="IMeterFactory"/>, never a static one:
/// several APIs run in one process (the tests, bench's in-process APIs), and a meter shared by all would add up their
/// requests. Meters are matched by name process-wide, though, so each host's exporter also drops instruments of
/// another host's factory (<see cref="OnlyFrom"/>).
/// </para>
/// </remarks>
internal sealed class ApiMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Telemetry.Api";

    // Seconds, from 1 ms to 10 s: the SLO lines (0.5 s, 1 s) are bounds, so P95/P99 against them read exactly.
    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly Counter<long> requests;
    private readonly Histogram<double> requestDuration;
    private readonly Histogram<double> queryDuration;
    private readonly Counter<long> cacheRequests;
    private readonly Counter<long> redisFailures;
    private readonly Counter<long> redisSkipped;
    private readonly Counter<long> shed;
    private long cacheHits;
    private long cacheLookups;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (the host's).</summary>
    public ApiMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        requests = meter.CreateCounter<long>("telemetry.http.requests", description: "HTTP requests served, by endpoint and status.");
        requestDuration = meter.CreateHistogram("telemetry.http.request.duration", "s", "Time to serve a request, by endpoint.", tags: null, DurationBuckets);
        queryDuration = meter.CreateHistogram("telemetry.query.duration", "s", "Database time per query, cache misses only.", tags: null, DurationBuckets);
        cacheRequests = meter.CreateCounter<long>("telemetry.cache.requests", description: "Cache lookups, by endpoint and result (hit or miss).");
        redisFailures = meter.CreateCounter<long>("telemetry.cache.redis_failures", description: "Redis operations of the second cache level that failed or timed out, by operation.");
        redisSkipped = meter.CreateCounter<long>("telemetry.cache.redis_skipped", description: "Redis operations skipped while Redis was marked unavailable, by operation.");
        shed = meter.CreateCounter<long>("telemetry.http.requests_shed", description: "Requests answered 503 because the database-backed endpoints' concurrency limit and queue were full, by endpoint.");
        meter.CreateObservableGauge(
            "telemetry.cache.hit_ratio",
            () =>
            {
                var lookups = Interlocked.Read(ref cacheLookups);
                return lookups == 0 ? 0 : (double)Interlocked.Read(ref cacheHits) / lookups;
            },
            description: "Cache hits over lookups since start (the strategy asks to act below 0.8).");
    }

    /// <summary>A view that drops the instruments of <see cref="MeterName"/> meters made by any factory but <paramref name="meterFactory"/>.</summary>
    /// <remarks>An exporter subscribes to meters by name across the process; without this, one host's <c>/metrics</c> would show another's series.</remarks>
    public static Func<Instrument, MetricStreamConfiguration?> OnlyFrom(IMeterFactory meterFactory) =>
        instrument => instrument.Meter.Name == MeterName && !ReferenceEquals(instrument.Meter.Scope, meterFactory) ? MetricStreamConfiguration.Drop : null;

    /// <summary>Records one finished HTTP request.</summary>
    public void RecordRequest(string endpoint, int status, TimeSpan duration)
    {
        requests.Add(1, new("endpoint", endpoint), new("status", status));
        requestDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    /// <summary>Records whether a cache lookup was answered from cache.</summary>
    public void RecordCacheLookup(string endpoint, bool hit)
    {
        Interlocked.Increment(ref cacheLookups);
        if (hit)
        {
            Interlocked.Increment(ref cacheHits);
        }

        cacheRequests.Add(1, new("endpoint", endpoint), new("result", hit ? "hit" : "miss"));
    }

    /// <summary>Records a Redis operation that threw or outlasted its timeout.</summary>
    public void RecordRedisFailure(string operation) => redisFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Records a Redis operation not attempted because Redis failed moments ago.</summary>
    public void RecordRedisSkipped(string operation) => redisSkipped.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Records a request refused with 503 because the database-backed endpoints were full.</summary>
    public void RecordShed(string endpoint) => shed.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));

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
            queryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("query", query));
        }
    }
}
