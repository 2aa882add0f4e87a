using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telemetry.Data.Lifecycle;

namespace Telemetry.Jobs.Monitoring;

/// <summary>Reads the API's Prometheus metrics and warns when the query endpoints' P95/P99 or the cache hit rate miss the strategy's targets.</summary>
/// <remarks>
/// Counters in <c>/metrics</c> accumulate since the API started; from the second check on, this monitor reports the
/// interval since its previous scrape, so a slow hour is not averaged away by a quiet week.
/// </remarks>
public sealed class ApiMonitor(HttpClient http, MonitorThresholds thresholds, ILogger? logger = null)
{
    /// <summary>The API's request-duration histogram.</summary>
    public const string RequestDuration = "telemetry_http_request_duration_seconds";

    /// <summary>The API's cache lookup counter, labelled <c>result="hit"|"miss"</c>.</summary>
    public const string CacheRequests = "telemetry_cache_requests_total";

    /// <summary>The API's query endpoints, as its <c>endpoint</c> label names them: the strategy's latency targets are theirs.</summary>
    /// <remarks>
    /// Probes (<c>/healthz</c>, <c>/readyz</c>), <c>/metrics</c> scrapes and unmatched paths answer in a millisecond or less; counted
    /// in, a steady stream of them dilutes the slow share of the queries and a breach goes unreported.
    /// </remarks>
    public static IReadOnlySet<string> QueryEndpoints { get; } = new HashSet<string>(["trades", "trades_summary", "metrics", "health"], StringComparer.Ordinal);

    private readonly ILogger logger = logger ?? NullLogger.Instance;
    private IReadOnlyList<PrometheusSample>? previous;

    /// <summary>Scrapes <paramref name="metricsUrl"/> and evaluates it.</summary>
    public async Task<ApiHealthReport> CheckAsync(Uri metricsUrl, CancellationToken cancellationToken = default)
    {
        var text = await http.GetStringAsync(metricsUrl, cancellationToken).ConfigureAwait(false);
        var samples = PrometheusText.Parse(text);
        var window = previous is null ? samples : PrometheusText.Delta(samples, previous);
        previous = samples;
        return Evaluate(window, thresholds, logger);
    }

    /// <summary>Computes the report from already parsed samples.</summary>
    public static ApiHealthReport Evaluate(IReadOnlyList<PrometheusSample> samples, MonitorThresholds thresholds, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(thresholds);
        var requests = samples.Where(s => s.Name == RequestDuration + "_count" && IsQuery(s)).Sum(s => s.Value);
        var p95 = ToTime(PrometheusText.HistogramQuantile(samples, RequestDuration, 0.95, IsQuery));
        var p99 = ToTime(PrometheusText.HistogramQuantile(samples, RequestDuration, 0.99, IsQuery));
        var hits = samples.Where(s => s.Name == CacheRequests && s.Label("result") == "hit").Sum(s => s.Value);
        var lookups = samples.Where(s => s.Name == CacheRequests).Sum(s => s.Value);
        double? hitRate = lookups > 0 ? hits / lookups : null;

        var warnings = new List<string>();
        if (p95 > thresholds.MaxP95)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"API P95 {p95.Value.TotalMilliseconds:0} ms exceeds {thresholds.MaxP95.TotalMilliseconds:0} ms"));
        }

        if (p99 > thresholds.MaxP99)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"API P99 {p99.Value.TotalMilliseconds:0} ms exceeds {thresholds.MaxP99.TotalMilliseconds:0} ms"));
        }

        if (hitRate < thresholds.MinCacheHitRate)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"API cache hit rate {hitRate * 100:0.0} % is under {thresholds.MinCacheHitRate * 100:0} %"));
        }

        foreach (var warning in warnings)
        {
            JobsLog.ApiWarning(logger ?? NullLogger.Instance, warning);
        }

        return new ApiHealthReport(requests, p95, p99, hitRate, warnings);
    }

    private static bool IsQuery(PrometheusSample sample) => sample.Label("endpoint") is { } endpoint && QueryEndpoints.Contains(endpoint);

    private static TimeSpan? ToTime(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
