using System.Net;
using Telemetry.Jobs.Monitoring;

namespace Perf.Tests.Lifecycle;

public sealed class CacheWarmerTests
{
    [Fact]
    public void DefaultPaths_PerProfile_CoverTheDashboardViews()
    {
        var paths = CacheWarmer.DefaultPaths([7]);

        Assert.Equal(["/api/trades/7/summary", "/api/trades/7", "/api/metrics/7?window_type=daily", "/api/metrics/7?window_type=hourly", "/api/health/7"], paths);
    }

    [Fact]
    public async Task WarmAsync_EachPath_RequestedAndFailuresReported()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);

        var results = await new CacheWarmer(http).WarmAsync(new Uri("http://api.test"), ["/api/trades/1/summary", "/broken"], TestContext.Current.CancellationToken);

        Assert.Equal(["http://api.test/api/trades/1/summary", "http://api.test/broken"], handler.Requested.Select(u => u.ToString()));
        Assert.Equal([200, 503], results.Select(r => r.Status));
        Assert.Null(results[0].Error);
        Assert.NotNull(results[1].Error);
    }

    [Fact]
    public async Task WarmAsync_PathTimesOut_ReportedAndTheRestWarmed()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(200) };

        var results = await new CacheWarmer(http).WarmAsync(new Uri("http://api.test"), ["/slow", "/api/trades/1/summary"], TestContext.Current.CancellationToken);

        Assert.Equal([0, 200], results.Select(r => r.Status));
        Assert.Contains("Timeout", results[0].Error, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<Uri> Requested { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested.Add(request.RequestUri!);
            if (request.RequestUri!.AbsolutePath == "/slow")
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var status = request.RequestUri!.AbsolutePath == "/broken" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
            return new HttpResponseMessage(status) { Content = new StringContent("{}") };
        }
    }
}
