using Telemetry.Data.Lifecycle;
using Telemetry.Jobs.Monitoring;

namespace Perf.Tests.Lifecycle;

public sealed class PrometheusTextTests
{
    // Shaped like the API's /metrics: two endpoints' histograms and the cache counter.
    private const string Scrape = """
        # HELP telemetry_http_request_duration_seconds Time to serve a request, by endpoint.
        # TYPE telemetry_http_request_duration_seconds histogram
        telemetry_http_request_duration_seconds_bucket{endpoint="trades",le="0.1"} 80
        telemetry_http_request_duration_seconds_bucket{endpoint="trades",le="0.5"} 95
        telemetry_http_request_duration_seconds_bucket{endpoint="trades",le="1"} 99
        telemetry_http_request_duration_seconds_bucket{endpoint="trades",le="+Inf"} 100
        telemetry_http_request_duration_seconds_sum{endpoint="trades"} 12.5
        telemetry_http_request_duration_seconds_count{endpoint="trades"} 100
        telemetry_http_request_duration_seconds_bucket{endpoint="metrics",le="0.1"} 100
        telemetry_http_request_duration_seconds_bucket{endpoint="metrics",le="0.5"} 100
        telemetry_http_request_duration_seconds_bucket{endpoint="metrics",le="1"} 100
        telemetry_http_request_duration_seconds_bucket{endpoint="metrics",le="+Inf"} 100
        telemetry_http_request_duration_seconds_count{endpoint="metrics"} 100
        telemetry_cache_requests_total{endpoint="trades",result="hit"} 70
        telemetry_cache_requests_total{endpoint="trades",result="miss"} 30
        telemetry_cache_hit_ratio 0.7
        """;

    // The API's other endpoint labels: probes, the scrape itself, and paths no endpoint matched.
    private static readonly string[] NotQueries = ["liveness", "readiness", "prometheus", "unmatched"];

    [Fact]
    public void Parse_ApiScrape_ReadsNamesLabelsAndValues()
    {
        var samples = PrometheusText.Parse(Scrape);

        Assert.Equal(14, samples.Count);
        var inf = samples[3];
        Assert.Equal(("telemetry_http_request_duration_seconds_bucket", "trades", "+Inf", 100d), (inf.Name, inf.Label("endpoint"), inf.Label("le"), inf.Value));
        Assert.Equal(0.7, samples[^1].Value);
    }

    [Fact]
    public void Parse_EscapedLabel_Unescapes()
    {
        var sample = Assert.Single(PrometheusText.Parse("m{path=\"a\\\"b\\\\c\"} 1 1700000000000"));

        Assert.Equal("a\"b\\c", sample.Label("path"));
    }

    [Fact]
    public void Parse_Garbage_Throws() => Assert.Throws<FormatException>(() => PrometheusText.Parse("{oops} 1"));

    [Fact]
    public void HistogramQuantile_SummedOverEndpoints_Interpolates()
    {
        var samples = PrometheusText.Parse(Scrape);

        // 200 requests: 180 under 0.1 s, 195 under 0.5 s, 199 under 1 s.
        var p95 = PrometheusText.HistogramQuantile(samples, "telemetry_http_request_duration_seconds", 0.95);
        var p99 = PrometheusText.HistogramQuantile(samples, "telemetry_http_request_duration_seconds", 0.99);

        Assert.Equal(0.1 + (0.4 * 10 / 15), p95!.Value, 6);
        Assert.Equal(0.5 + (0.5 * 3 / 4), p99!.Value, 6);
        Assert.Null(PrometheusText.HistogramQuantile(samples, "absent", 0.5));
    }

    [Fact]
    public void Evaluate_SlowP99AndLowHitRate_Warns()
    {
        var report = ApiMonitor.Evaluate(PrometheusText.Parse(Scrape), new MonitorThresholds { MaxP99 = TimeSpan.FromMilliseconds(800) });

        Assert.Equal(200, report.Requests);
        Assert.Equal(0.7, report.CacheHitRate);
        Assert.Equal(2, report.Warnings.Count);
        Assert.Contains(report.Warnings, w => w.Contains("P99", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("cache hit rate 70.0 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_ProbesAndScrapesBesideSlowQueries_OnlyQueriesCount()
    {
        // 10 % of the trades are slower than 1 s: a P99 breach. 1900 probes and scrapes under 1 ms would hide it (P99 of all 2000
        // requests: under 0.1 s); so would 404s of unmatched paths.
        var scrape = Histogram("trades", fast: 0, underOneSecond: 90, all: 100)
            + string.Concat(NotQueries.Select(endpoint => Histogram(endpoint, fast: 475, underOneSecond: 475, all: 475)));

        var report = ApiMonitor.Evaluate(PrometheusText.Parse(scrape), new MonitorThresholds());

        Assert.Equal(100, report.Requests);
        Assert.True(report.P99 > TimeSpan.FromSeconds(1), $"P99 {report.P99}");
        Assert.Contains(report.Warnings, w => w.StartsWith("API P99", StringComparison.Ordinal));
    }

    /// <summary>The request-duration histogram of one endpoint: <paramref name="fast"/> under 1 ms, <paramref name="underOneSecond"/> under 1 s, all under 2 s.</summary>
    private static string Histogram(string endpoint, int fast, int underOneSecond, int all) =>
        string.Join('\n', new[] { ("0.001", fast), ("1", underOneSecond), ("2", all), ("+Inf", all) }
            .Select(b => $"telemetry_http_request_duration_seconds_bucket{{endpoint=\"{endpoint}\",le=\"{b.Item1}\"}} {b.Item2}")
            .Append($"telemetry_http_request_duration_seconds_count{{endpoint=\"{endpoint}\"}} {all}")) + "\n";

    [Fact]
    public void Delta_LaterScrape_CoversOnlyTheInterval()
    {
        var earlier = PrometheusText.Parse(Scrape);
        var later = PrometheusText.Parse(Scrape.Replace("result=\"hit\"} 70", "result=\"hit\"} 170", StringComparison.Ordinal));

        var report = ApiMonitor.Evaluate(PrometheusText.Delta(later, earlier), new MonitorThresholds());

        Assert.Equal(1.0, report.CacheHitRate);
        Assert.Null(report.P99);
    }
}
