using System.Net;
using System.Net.Sockets;
using Perf.Tests.Api;
using Perf.Tests.Infrastructure;
using Telemetry.Api.Endpoints;
using Telemetry.CommandLine;
using Telemetry.Jobs.Monitoring;

namespace Perf.Tests.Lifecycle;

/// <summary>The cache warmer against the real API: what it asks must be answered, and answered from the entries it filled.</summary>
public sealed class CacheWarmerTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public void DefaultPaths_PerProfile_CoverTheDashboardViews()
    {
        var paths = CacheWarmer.DefaultPaths([7]);

        Assert.Equal(["/api/trades/7/summary", "/api/trades/7", "/api/metrics/7?window_type=daily", "/api/metrics/7?window_type=hourly"], paths);
    }

    [Fact]
    public async Task WarmAsync_DefaultViews_AllAnsweredAndTheSameRequestsThenHit()
    {
        server.RequireServer();
        // The default ranges end now, keyed to its 5 s step: a clock that stands still keeps warming and asking in one step.
        await using var host = await api.StartApiAsync(new TestClock(new DateTimeOffset(TestTrades.Origin.AddDays(ApiFixture.Days))));
        using var http = new HttpClient();
        var paths = CacheWarmer.DefaultPaths(Enumerable.Range(1, ApiFixture.Profiles));

        var results = await new CacheWarmer(http).WarmAsync(host.BaseAddress, paths, Ct);

        Assert.All(results, r => Assert.True(r.Error is null && r.Status == 200, $"{r.Url}: {r.Status} {r.Error}"));
        using var dashboard = new HttpClient { BaseAddress = host.BaseAddress };
        foreach (var path in paths)
        {
            (await dashboard.GetAsync(path, Ct)).EnsureSuccessStatusCode();
        }

        var samples = await MetricsScrape.ReadAsync(dashboard);
        Assert.Equal(paths.Count, MetricsScrape.Value(samples, ApiMonitor.CacheRequests, ("result", "hit")));
        Assert.Equal(paths.Count, MetricsScrape.Value(samples, ApiMonitor.CacheRequests, ("result", "miss")));
    }

    [Fact]
    public async Task WarmAsync_PathsTheApiRefuses_ReportedAsFailures()
    {
        server.RequireServer();
        await using var host = await api.StartApiAsync(TimeProvider.System);
        using var http = new HttpClient();

        var results = await new CacheWarmer(http).WarmAsync(host.BaseAddress, ["/api/trades/1/summary", "/api/health/1", "/api/trades/0"], Ct);

        Assert.Equal([200, 400, 400], results.Select(r => r.Status));
        Assert.Null(results[0].Error);
        Assert.All(results.Skip(1), r => Assert.NotNull(r.Error));
    }

    [Fact]
    public async Task WarmCacheCli_PathRefused_ExitsOneNamingIt()
    {
        server.RequireServer();
        await using var host = await api.StartApiAsync(TimeProvider.System);

        var (exitCode, output, error) = await JobsProcess.RunAsync(
            ["warm-cache", "--api", host.BaseAddress.ToString(), "--warm-path", "/api/trades/1/summary", "--warm-path", "/api/health/1"],
            "Server=127.0.0.1;Port=1");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("/api/trades/1/summary: 200", output, StringComparison.Ordinal);
        Assert.Contains("/api/health/1: 400", output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 paths were not warmed: /api/health/1 (400)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarmAsync_PathTimesOut_ReportedAndTheRestWarmed()
    {
        server.RequireServer();
        await using var host = await api.StartApiAsync(new TestClock(new DateTimeOffset(TestTrades.Origin.AddDays(ApiFixture.Days))));
        // A server that accepts the connection and never answers; an absolute URL overrides the warmer's base address.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptSocketAsync(Ct).AsTask();
        var slow = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/slow");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };

        var results = await new CacheWarmer(http).WarmAsync(host.BaseAddress, [slow.ToString(), "/api/trades/1/summary"], Ct);

        using var held = await accepted.WaitAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal([(slow, 0), (new Uri(host.BaseAddress, "/api/trades/1/summary"), 200)], results.Select(r => (r.Url, r.Status)));
        Assert.Contains("Timeout", results[0].Error, StringComparison.Ordinal);
        // Warmed: the warmer's request filled the entry (the one miss), and the dashboard's same request is served from it.
        using var dashboard = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(1, await MetricsScrape.CacheLookupsAsync(dashboard, TradeEndpoints.SummaryName, "miss"));
        (await dashboard.GetAsync("/api/trades/1/summary", Ct)).EnsureSuccessStatusCode();
        Assert.Equal((1, 1), (await MetricsScrape.CacheLookupsAsync(dashboard, TradeEndpoints.SummaryName, "miss"), await MetricsScrape.CacheLookupsAsync(dashboard, TradeEndpoints.SummaryName, "hit")));
    }
}
