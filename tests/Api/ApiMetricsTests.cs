using System.Globalization;
using Perf.Tests.Infrastructure;
using Telemetry.Api;
using Telemetry.Api.Endpoints;
using Telemetry.Data.Lifecycle;
using Telemetry.Jobs.Monitoring;

namespace Perf.Tests.Api;

/// <summary><c>/metrics</c> over real HTTP: the series monitoring reads, per host even with several APIs in one process.</summary>
public sealed class ApiMetricsTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    // A fixed range, so repeated requests share a cache key (the default ranges end at the current instant).
    private static readonly string Range = string.Create(CultureInfo.InvariantCulture,
        $"start_time={TestTrades.Origin.AddDays(10):yyyy-MM-ddTHH:mm:ssZ}&end_time={TestTrades.Origin.AddDays(12):yyyy-MM-ddTHH:mm:ssZ}");

    [Fact]
    public void QueryEndpoints_AreTheApisDatabaseBackedEndpoints() =>
        Assert.Equal(
            new HashSet<string>([TradeEndpoints.ListName, TradeEndpoints.SummaryName, MetricEndpoints.Name, SystemHealthEndpoints.Name]),
            ApiMonitor.QueryEndpoints);

    [Fact]
    public async Task Metrics_AfterRequests_ExposesTheSeriesMonitoringReads()
    {
        server.RequireServer();
        await using var host = await StartApiAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/trades/1?limit={i + 1}"), Ct)).EnsureSuccessStatusCode();
        }

        var samples = await MetricsScrape.ReadWhenAsync(client, s => Value(s, "telemetry_http_requests_total", ("endpoint", "trades")) >= 5);
        using var response = await client.GetAsync("/metrics", Ct);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, Value(samples, "telemetry_http_requests_total", ("endpoint", "trades"), ("status", "200")));
        Assert.Equal(5, Value(samples, ApiMonitor.RequestDuration + "_count", ("endpoint", "trades")));
        Assert.Equal(5, Value(samples, ApiMonitor.RequestDuration + "_bucket", ("endpoint", "trades"), ("le", "+Inf")));
        var bounds = samples.Where(s => s.Name == ApiMonitor.RequestDuration + "_bucket" && s.Label("endpoint") == "trades").Select(s => s.Label("le")).ToList();
        Assert.Contains("0.5", bounds);
        Assert.Contains("1", bounds);
        Assert.Equal(5, Value(samples, "telemetry_query_duration_seconds_count", ("query", "trades_offset")));
        Assert.Equal(5, Value(samples, ApiMonitor.CacheRequests, ("endpoint", "trades"), ("result", "miss")));
        Assert.Equal(0, Value(samples, "telemetry_cache_hit_ratio"));
    }

    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachCountsOnlyItsOwnRequests()
    {
        server.RequireServer();
        await using var busy = await StartApiAsync();
        await using var idle = await StartApiAsync();
        using var busyClient = new HttpClient { BaseAddress = busy.BaseAddress };
        using var idleClient = new HttpClient { BaseAddress = idle.BaseAddress };
        (await busyClient.GetAsync("/api/health/1?script=order_router&" + Range, Ct)).EnsureSuccessStatusCode();
        (await busyClient.GetAsync("/api/health/1?script=order_router&" + Range, Ct)).EnsureSuccessStatusCode();

        var busySamples = await MetricsScrape.ReadWhenAsync(busyClient, s => Value(s, "telemetry_http_requests_total", ("endpoint", "health")) >= 2);
        var idleSamples = await MetricsScrape.ReadAsync(idleClient);

        Assert.Equal(2, Value(busySamples, "telemetry_http_requests_total", ("endpoint", "health"), ("status", "200")));
        Assert.Equal(0.5, Value(busySamples, "telemetry_cache_hit_ratio"));
        Assert.DoesNotContain(idleSamples, s => s.Label("endpoint") == "health" || s.Label("query") == "health");
    }

    [Fact]
    public async Task ApiMonitor_RealApi_ReadsPercentilesAndHitRateOfTheInterval()
    {
        server.RequireServer();
        await using var host = await StartApiAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var monitor = new ApiMonitor(client, new MonitorThresholds());
        var metrics = new Uri(host.BaseAddress, "/metrics");
        await monitor.CheckAsync(metrics, Ct);
        var before = await MetricsScrape.ReadAsync(client);
        for (var i = 0; i < 4; i++)
        {
            (await client.GetAsync("/api/trades/2/summary?" + Range, Ct)).EnsureSuccessStatusCode();
            (await client.GetAsync("/healthz", Ct)).EnsureSuccessStatusCode();
        }

        var after = await MetricsScrape.ReadWhenAsync(client, s => Value(s, ApiMonitor.RequestDuration + "_count", ("endpoint", "trades_summary")) >= 4);
        var report = await monitor.CheckAsync(metrics, Ct);

        // The four summaries (one miss, then three hits); not the probes nor the scrapes, which would dilute the percentiles.
        Assert.Equal(4, report.Requests);
        var buckets = IntervalBuckets(before, after);
        Assert.Equal(4, buckets[^1].Requests);
        Assert.True(report.P95 <= report.P99, $"P95 {report.P95} > P99 {report.P99}");
        Assert.Equal(Quantile(buckets, 0.95), report.P95!.Value.TotalSeconds, 1e-6);
        Assert.Equal(Quantile(buckets, 0.99), report.P99!.Value.TotalSeconds, 1e-6);
        Assert.Equal(0.75, report.CacheHitRate);
        Assert.Equal(["API cache hit rate 75.0 % is under 80 %"], report.Warnings);
    }

    /// <summary>An API of its own (its own meters, cache and counts) over the fixture's Composite database.</summary>
    private async Task<RunningTelemetryApi> StartApiAsync()
    {
        var reader = await server.Server!.CreateReadOnlyAccountAsync([api.Database], Ct);
        return await TelemetryApiHost.StartAsync(new TelemetryApiOptions { ConnectionString = reader }, Ct);
    }

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name, params (string Name, string Value)[] labels) => MetricsScrape.Value(samples, name, labels);

    /// <summary>The query endpoints' request-duration buckets between two scrapes: upper bound and requests at or under it, ascending.</summary>
    private static List<(double Bound, double Requests)> IntervalBuckets(IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after)
    {
        double Cumulative(IReadOnlyList<PrometheusSample> samples, string le) =>
            ApiMonitor.QueryEndpoints.Sum(e => Value(samples, ApiMonitor.RequestDuration + "_bucket", ("endpoint", e), ("le", le)));

        return [.. after.Where(s => s.Name == ApiMonitor.RequestDuration + "_bucket").Select(s => s.Label("le")!).Distinct()
            .Select(le => (Bound: le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), Requests: Cumulative(after, le) - Cumulative(before, le)))
            .OrderBy(b => b.Bound)];
    }

    /// <summary>Prometheus's <c>histogram_quantile</c>: the bucket holding the q-th share of the requests, read linearly between its bounds.</summary>
    private static double Quantile(List<(double Bound, double Requests)> buckets, double q)
    {
        var rank = q * buckets[^1].Requests;
        var i = buckets.FindIndex(b => b.Requests >= rank);
        var (lower, below) = i == 0 ? (0.0, 0.0) : buckets[i - 1];
        var (upper, upTo) = buckets[i];
        return double.IsPositiveInfinity(upper) ? lower : lower + ((upper - lower) * (rank - below) / (upTo - below));
    }
}
