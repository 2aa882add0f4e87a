using System.Net;
using Telemetry.Api;

namespace Perf.Tests.Api;

/// <summary>The interactive reference page is served in development only; it needs no database.</summary>
public sealed class ApiReferencePageTests
{
    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task Scalar_ServedInDevelopmentOnly(string environment, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new TelemetryApiOptions { ConnectionString = "Server=127.0.0.1;Port=1;User ID=none;Password=none" };
        await using var app = TelemetryApiHost.Build(options, ["--environment", environment]);
        await app.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await client.GetAsync("/scalar/", ct);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("Scalar", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        await app.StopAsync(ct);
    }
}
