using System.Net;
using System.Text.Json;
using Telemetry.Api;

namespace Perf.Tests.Api;

/// <summary>
/// With the database unreachable, a bad parameter is still a 400 naming it: every endpoint read the retention cutoffs before it
/// parsed anything, so bad input waited on the database and came back 503.
/// </summary>
public sealed class ApiDatabaseDownTests
{
    // Nothing listens on port 1: every connection is refused at once.
    private const string Unreachable = "Server=127.0.0.1;Port=1;User ID=none;Password=none;Database=none";

    [Theory]
    [InlineData("/api/trades/abc", "profile_id")]
    [InlineData("/api/trades/1?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/trades/1/summary?end_time=1969-12-31", "end_time")]
    [InlineData("/api/metrics/x", "profile_id")]
    [InlineData("/api/metrics/1?window_type=yearly", "window_type")]
    [InlineData("/api/health/1", "script")]
    [InlineData("/api/health/1?script=ok&limit=0", "limit")]
    public async Task BadParameter_DatabaseUnreachable_Still400NamingIt(string url, string parameter)
    {
        var (status, problem) = await GetAsync(url);

        Assert.True(status == HttpStatusCode.BadRequest, $"{url} → {(int)status}: {problem}");
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    /// <summary>The contrast: a good request does need the database, and says it is unavailable.</summary>
    [Fact]
    public async Task GoodRequest_DatabaseUnreachable_503()
    {
        var (status, problem) = await GetAsync("/api/trades/1?start_time=2025-10-01&end_time=2025-10-08");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("The database is unavailable", problem.GetProperty("title").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> GetAsync(string url)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TelemetryApiHost.StartAsync(new TelemetryApiOptions { ConnectionString = Unreachable }, ct);
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(url, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
