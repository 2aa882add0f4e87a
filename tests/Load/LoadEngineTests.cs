using Perf.Load;
using Perf.Load.Execution;
using Perf.Load.Measurement;
using Perf.Load.Model;
using Perf.Load.Scenarios;

namespace Perf.Tests.Load;

public sealed class LoadEngineTests
{
    private static readonly Uri Http = new("http://127.0.0.1:5999/");

    [Fact]
    public void Create_RawClientNoLimit_RunsOnTheEventLoopWhereEpollIs()
    {
        using var engine = Create(Http, LoadClient.Raw, connections: 0, Get());

        Assert.Equal(Epoll.IsSupported ? "event loop (epoll), raw HTTP/1.1" : "awaited, raw HTTP/1.1", engine.Description);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5999/", LoadClient.Raw, 6, "awaited, raw HTTP/1.1")]
    [InlineData("http://127.0.0.1:5999/", LoadClient.HttpClient, 0, "awaited, HttpClient")]
    [InlineData("https://127.0.0.1:5999/", LoadClient.Raw, 0, "awaited, HttpClient")]
    internal void Create_ConnectionLimitOrHttpClient_IsAwaited(string url, LoadClient client, int connections, string expected)
    {
        using var engine = Create(new Uri(url), client, connections, Get());

        Assert.Equal(expected, engine.Description);
    }

    [Fact]
    public void Create_ScenarioWrittenInCSharp_IsAwaitedWhateverTheClient()
    {
        using var http = new HttpClient { BaseAddress = Http };
        var step = Scenario.Create("custom", _ => Task.FromResult(Response.Ok())).Bind(http, TimeSpan.FromSeconds(1));

        using var engine = Create(Http, LoadClient.Raw, connections: 0, new ScenarioMix([(GetRoot(), 1.0), (step, 1.0)]));

        Assert.Equal("awaited, steps written in C#", engine.Description);
    }

    private static ScenarioMix Get() => new([(GetRoot(), 1.0)]);

    private static ILoadScenario GetRoot() => Scenario.CreateRequests("get", ["get"], _ => new HttpGet("get", "/")).Bind(null, TimeSpan.FromSeconds(1));

    private static ILoadEngine Create(Uri target, LoadClient client, int connections, ScenarioMix mix)
    {
        var plan = new RunPlan(
            target,
            mix,
            LoadProfile.ConstantRate(10, TimeSpan.FromSeconds(1)),
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1),
            1000,
            connections,
            1,
            new ValidityCriteria(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), 0.95),
            client);
        return LoadEngine.Create(plan, new RunRecorder(TimeSpan.FromMilliseconds(10)));
    }
}
