using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Scenarios;
using Perf.Tests.Api;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Load;

/// <summary>The dashboard scenarios against the real API over seeded variants: every request they make is valid.</summary>
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
}
