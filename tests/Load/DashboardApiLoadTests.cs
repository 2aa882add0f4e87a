using Perf.Load;
using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Scenarios;
using Perf.Tests.Api;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Load;

/// <summary>Scenarios against the real API over seeded variants: the built-in dashboard's requests are all valid, and a scenario written in C# (the README's example) judges P95/P99 on its own figures.</summary>
[Collection(LoadTimingGroup.Name)]
public sealed class DashboardApiLoadTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("raw")]
    [InlineData("httpclient")]
    public async Task Dashboard_AgainstRealApi_AllEndpointsAnswerOk(string client)
    {
        server.RequireServer();
        var traffic = TrafficOptions.Default with
        {
            FirstProfileId = 1,
            ProfileCount = ApiFixture.Profiles,
            HotProfileCount = 1,
            Anchor = new DateTimeOffset(TestTrades.Origin.AddDays(ApiFixture.Days)),
            PageSize = 50,
        };

        var (summary, _, _) = await LoadTestSupport.RunAsync(
            api.Api.BaseAddress,
            "dashboard",
            LoadProfile.ConstantRate(40, TimeSpan.FromSeconds(3), warmup: TimeSpan.FromMilliseconds(500)),
            adjust: s => s with { Client = client == "raw" ? LoadClient.Raw : LoadClient.HttpClient, Traffic = traffic, Scenarios = [("dashboard", 3), ("trades-walk", 1)], Thresholds = Perf.Load.Thresholds.Threshold.Defaults });

        var problems = string.Join(", ", summary.Endpoints.Select(e => $"{e.Name}: {string.Join(" ", e.StatusCodes.Select(p => p.Key + "x" + p.Value))}"));
        Assert.True(summary.Total.Failed == 0, problems);
        Assert.Equal(["health", "metrics", "summary", "trades"], summary.Endpoints.Where(e => e.Count > 0).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["dashboard", "trades-walk"], summary.Scenarios.Select(s => s.Name));
        Assert.All(summary.Endpoints.Where(e => e.Count > 0), e => Assert.True(e.Bytes > 0));
        Assert.InRange(summary.Total.Count, 100, 140);
    }

    /// <summary>The thresholds are evaluated on the run's own percentiles; whether the targets hold is for commands that print figures, not for a test.</summary>
    /// <remarks>Sixty invocations bound neither percentile (p95 needs 72, p99 368), so neither threshold may pass, whatever the latencies.</remarks>
    [Fact]
    public async Task RunAsync_CustomTradesScenario_JudgesP95AndP99OnItsOwnFigures()
    {
        server.RequireServer();
        var trades = Scenario.Create("trades-page", async ctx =>
        {
            var profile = ctx.Random.Next(1, ApiFixture.Profiles + 1);
            using var response = await ctx.Client.GetAsync($"/api/trades/{profile}?start_time=2025-09-01T00:00:00Z&end_time=2025-10-01T00:00:00Z&limit=20", ctx.CancellationToken);
            return Response.From(response);
        })
        .WithWarmUpDuration(TimeSpan.FromSeconds(1))
        .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromSeconds(3)))
        .WithThresholds(ScenarioThreshold.P95Below(500), ScenarioThreshold.P99Below(1000));

        var result = await ScenarioRunner.RegisterScenarios(trades).WithTarget(api.Api.BaseAddress).RunAsync(TestContext.Current.CancellationToken);

        var run = result.Scenario("trades-page");
        Assert.Equal(2, run.Thresholds.Count);
        Assert.Equal(run.Total.Latency.P95, run.Thresholds[0].Actual);
        Assert.Equal(run.Total.Latency.P99, run.Thresholds[1].Actual);
        Assert.Equal(60, run.Total.Count);
        Assert.Equal(60, run.Total.Ok);
        Assert.All(run.Thresholds, t => Assert.False(t.Passed, $"{t.Expression} passed on 60 samples"));
        Assert.EndsWith("needs ≥ 72 samples (has 60)", run.Thresholds[0].ActualText, StringComparison.Ordinal);
        Assert.EndsWith("needs ≥ 368 samples (has 60)", run.Thresholds[1].ActualText, StringComparison.Ordinal);
        Assert.False(result.Passed);
    }
}
