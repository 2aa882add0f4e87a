using System.Net;
using System.Text.Json;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Api;

/// <summary>Every bad parameter gets a 400 with RFC 7807 problem details naming it; never a 500, never a query.</summary>
public sealed class ApiBadInputTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/trades/abc", "profileId")]
    [InlineData("/api/trades/0", "profileId")]
    [InlineData("/api/trades/-5/summary", "profileId")]
    [InlineData("/api/trades/99999999999", "profileId")]
    [InlineData("/api/trades/1?start=yesterday", "start")]
    [InlineData("/api/trades/1?end=2025-02-30", "end")]
    [InlineData("/api/trades/1?start=2024-01-01&end=2025-06-01", "start")]
    [InlineData("/api/trades/1?start=2025-06-01&end=2025-05-01", "start")]
    [InlineData("/api/trades/1?limit=0", "limit")]
    [InlineData("/api/trades/1?limit=10001", "limit")]
    [InlineData("/api/trades/1?limit=ten", "limit")]
    [InlineData("/api/trades/1?offset=-1", "offset")]
    [InlineData("/api/trades/1?offset=100000000000", "offset")]
    [InlineData("/api/trades/1?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/trades/1?cursor=%F0%9F%92%A5", "cursor")]
    [InlineData("/api/trades/1?symbol=AAPL%27%20OR%201%3D1", "symbol")]
    [InlineData("/api/trades/1?symbol=AVERYLONGSYMBOLNAME", "symbol")]
    [InlineData("/api/trades/1?tradeType=yolo", "tradeType")]
    [InlineData("/api/trades/1?exitReason=panic", "exitReason")]
    [InlineData("/api/trades/1?limit=5&limit=6", "limit")]
    [InlineData("/api/trades/1?limt=5", "limt")]
    [InlineData("/api/trades/1/summary?end=1969-12-31", "end")]
    [InlineData("/api/metrics/1?windowType=yearly", "windowType")]
    [InlineData("/api/metrics/1?metricName=%3Cscript%3E", "metricName")]
    [InlineData("/api/metrics/x", "profileId")]
    [InlineData("/api/health/1", "script")]
    [InlineData("/api/health/1?script=a%20b", "script")]
    [InlineData("/api/health/1?script=ok&start=2020-01-01&end=2021-06-01", "start")]
    public async Task BadParameter_Returns400ProblemNamingIt(string url, string parameter)
    {
        server.RequireServer();
        using var response = await api.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
