using System.Text.Json;
using Perf.Load;
using Perf.Load.Calibration;
using Perf.Load.Execution;
using Perf.Load.Model;

namespace Perf.Tests.Load;

/// <summary>The public scenario API on the engine: counts, failures, sub-steps, thresholds, reports and the load shape.</summary>
[Collection(LoadTimingGroup.Name)]
public sealed class ScenarioRunnerTests
{
    // The steps below never send a request: the target only has to be a valid base address.
    private static readonly Uri UnusedTarget = new("http://127.0.0.1:9/");

    [Fact]
    public async Task RunAsync_StepsFailThrowAndWait_CountsTimesAndGatesEachInvocation()
    {
        var delays = Scenario.Create("delays", async ctx =>
        {
            await ctx.StepAsync("wait", async () =>
            {
                // Thread.Sleep never wakes early; Task.Delay's timer reads a coarse clock on Linux and can end ~4 ms short
                // of 20 ms by the stopwatch the runner measures with (a CI run saw p50 18.7 ms).
                await Task.Run(() => Thread.Sleep(20), ctx.CancellationToken);
                return Response.Ok();
            });
            return ctx.InvocationNumber % 4 == 0
                ? Response.Fail(500)
                : ctx.InvocationNumber % 5 == 0 ? throw new InvalidOperationException("step failed") : Response.Ok();
        })
        .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromSeconds(2)))
        .WithThresholds(ScenarioThreshold.P95Below(5), ScenarioThreshold.P99Below(5000), ScenarioThreshold.ErrorRateBelow(0.6));
        var folder = LoadTestSupport.TempDirectory();

        var result = await ScenarioRunner.RegisterScenarios(delays).WithTarget(UnusedTarget).WithReportFolder(folder).RunAsync(TestContext.Current.CancellationToken);

        var run = result.Scenario("delays");
        Assert.Equal(40, run.Total.Count);
        Assert.Equal(16, run.Total.Failed);
        Assert.True(run.Total.Latency.P50 >= 20, $"p50 {run.Total.Latency.P50} ms");
        var wait = Assert.Single(run.Steps);
        Assert.Equal("wait", wait.Name);
        Assert.Equal(40, wait.Ok);
        Assert.True(wait.ServiceTime.P50 >= 20, $"wait p50 {wait.ServiceTime.P50} ms");
        // Forty invocations bound neither a p95 (72) nor a p99 (368), so neither latency threshold is shown to hold,
        // however generous; 40 % failed, its interval [25–57 %] under 60 %. The p95's lower bound needs two samples: at 20 ms
        // or more it is shown over 5 ms (missed); the p99 under 5 s is not settled either way.
        Assert.Equal([false, false, true], run.Thresholds.Select(t => t.Passed));
        Assert.Equal([true, false, true], run.Thresholds.Select(t => t.Settled));
        Assert.False(result.Passed);
        Assert.True(File.Exists(Path.Combine(folder, "delays", "summary.json")));
    }

    [Fact]
    public async Task RunAsync_ScenarioOfRequests_TheEngineSendsThemAndCountsEachEndpoint()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var cursors = 0;
        var pages = Scenario.CreateRequests("pages", ["trades", "root"], random => random.Next(2) == 0
                ? new HttpGet("root", "/")
                : new HttpGet("trades", "/api/trades/7", ReadBody: (status, body) =>
                {
                    if (status == 200 && body.IndexOf("\"next_cursor\":\"page2\""u8) >= 0)
                    {
                        Interlocked.Increment(ref cursors);
                    }
                }))
            .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(2)))
            .WithThresholds(ScenarioThreshold.ErrorRateBelow(0.05)); // 100 requests without a failure bound it under 3.6 %
        var folder = LoadTestSupport.TempDirectory();

        var result = await ScenarioRunner.RegisterScenarios(pages).WithTarget(server.BaseAddress).WithReportFolder(folder).RunAsync(TestContext.Current.CancellationToken);

        // Every body a request reads reaches its reader whole; the run is the raw engine's, as for the built-in scenarios.
        var run = result.Scenario("pages");
        Assert.Equal(100, run.Total.Count);
        Assert.Equal(0, run.Total.Failed);
        var perEndpoint = run.Steps.ToDictionary(s => s.Name, s => s.Ok);
        Assert.Equal(100, perEndpoint["trades"] + perEndpoint["root"]);
        Assert.Equal(perEndpoint["trades"], Volatile.Read(ref cursors));
        Assert.True(result.Passed);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "pages", "manifest.json"), TestContext.Current.CancellationToken));
        Assert.Equal(
            Epoll.IsSupported ? "event loop (epoll), raw HTTP/1.1" : "awaited, raw HTTP/1.1",
            manifest.RootElement.GetProperty("parameters").GetProperty("engine").GetString());
    }

    [Fact]
    public async Task RunAsync_BodyReaderThrows_ThatRequestFailsAndTheRunGoesOn()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var read = 0;
        var pages = Scenario.CreateRequests("pages", ["trades"], _ => new HttpGet("trades", "/api/trades/7", ReadBody: (_, _) =>
            {
                if (Interlocked.Increment(ref read) % 4 == 0)
                {
                    throw new InvalidOperationException("reader failed");
                }
            }))
            .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(2)));

        var result = await ScenarioRunner.RegisterScenarios(pages).WithTarget(server.BaseAddress).RunAsync(TestContext.Current.CancellationToken);

        // Every fourth reader threw: those requests failed, the others were read, and the run ended normally.
        var total = result.Scenario("pages").Total;
        Assert.Equal(100, total.Count);
        Assert.Equal(25, total.Failed);
        Assert.Equal(75, total.Ok);
    }

    [Fact]
    public void CreateRequests_RequestForAnUndeclaredEndpoint_FailsNamingIt()
    {
        var scenario = Scenario.CreateRequests("pages", ["trades"], _ => new HttpGet("metrics", "/api/metrics/1")).Bind(null, TimeSpan.FromSeconds(1));

        var error = Assert.Throws<InvalidOperationException>(() => scenario.Next(new Random(1)));
        Assert.Contains("'metrics'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Scenario.CreateRequests("pages", [], _ => new HttpGet("trades", "/")));
    }

    [Fact]
    public async Task RunAsync_StepBlocksBeforeAwaiting_ScheduleKeepsItsTimes()
    {
        // 150 ms of blocking per invocation, 10 invocations a second: run on the dispatcher's thread, each would
        // push every later send back by 50 ms, and the difference between latency and service time would grow to 1 s.
        var blocking = Scenario.Create("blocking", _ =>
        {
            Thread.Sleep(150);
            return Task.FromResult(Response.Ok());
        })
        .WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromSeconds(2)));

        var result = await ScenarioRunner.RegisterScenarios(blocking).WithTarget(UnusedTarget).RunAsync(TestContext.Current.CancellationToken);

        var total = result.Scenario("blocking").Total;
        Assert.Equal(20, total.Ok);
        // The drift the bug makes is 50 ms a send, 500 ms by the median send: half of it is the bound, not a wall-clock budget.
        Assert.True(total.Latency.P50 - total.ServiceTime.P50 < 250, $"latency p50 {total.Latency.P50} ms, service p50 {total.ServiceTime.P50} ms");
    }

    [Fact]
    public async Task RunAsync_KeepConstant_RunsCopiesBackToBack()
    {
        var closed = Scenario.Create("closed", async ctx =>
        {
            await Task.Delay(50, ctx.CancellationToken);
            return Response.Ok();
        })
        .WithLoadSimulations(Simulation.KeepConstant(2, TimeSpan.FromSeconds(1)));

        var result = await ScenarioRunner.RegisterScenarios(closed).WithTarget(UnusedTarget).RunAsync(TestContext.Current.CancellationToken);

        // Two copies of a 50 ms step for 1 s: at most 40 invocations, fewer when timers fire late.
        Assert.InRange(result.Scenario("closed").Total.Ok, 20, 42);
    }

    [Fact]
    public async Task RunAsync_NoThresholds_DidNotPass()
    {
        var unjudged = Scenario.Create("unjudged", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromSeconds(1)));

        var result = await ScenarioRunner.RegisterScenarios(unjudged).WithTarget(UnusedTarget).RunAsync(TestContext.Current.CancellationToken);

        // Every invocation succeeded and the schedule held, but nothing was judged: the command line's NOT JUDGED, not a pass.
        var run = result.Scenario("unjudged");
        Assert.Equal((20, 0), (run.Total.Ok, run.Total.Failed));
        Assert.Empty(run.GeneratorProblems);
        Assert.False(run.Passed);
        Assert.False(result.Passed);
    }

    [Fact]
    public void WithThresholds_LatencyOnKeepConstant_ThrowsInEitherOrder()
    {
        var scenario = Scenario.Create("closed", _ => Task.FromResult(Response.Ok()));
        var keep = Simulation.KeepConstant(2, TimeSpan.FromSeconds(1));

        // A closed model's latency is service time: it would pass a P95 on a server that stalls.
        var thresholdsFirst = Assert.Throws<ArgumentException>(() => scenario.WithThresholds(ScenarioThreshold.P95Below(500)).WithLoadSimulations(keep));
        var simulationFirst = Assert.Throws<ArgumentException>(() => scenario.WithLoadSimulations(keep).WithThresholds(ScenarioThreshold.ErrorRateBelow(0.01), ScenarioThreshold.P99Below(1000)));

        Assert.Contains("Scenario 'closed': p(95)<500 judges latency, which KeepConstant (closed model) hides", thresholdsFirst.Message, StringComparison.Ordinal);
        Assert.Contains("Scenario 'closed': p(99)<1000 judges latency", simulationFirst.Message, StringComparison.Ordinal);
        Assert.Equal(LoadModelKind.Closed, scenario.WithLoadSimulations(keep).WithThresholds(ScenarioThreshold.ErrorRateBelow(0.01)).ToProfile().Kind);
    }

    [Fact]
    public void ToProfile_RampAfterInject_StartsFromThePreviousRate()
    {
        var scenario = Scenario.Create("shape", _ => Task.FromResult(Response.Ok()))
            .WithWarmUpDuration(TimeSpan.FromSeconds(2))
            .WithPoissonArrivals()
            .WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromSeconds(5)), Simulation.RampingInject(50, TimeSpan.FromSeconds(10)));

        var profile = scenario.ToProfile();

        Assert.Equal(LoadModelKind.Open, profile.Kind);
        Assert.True(profile.Poisson);
        Assert.Equal(TimeSpan.FromSeconds(2), profile.Warmup);
        Assert.Equal([new LoadStage(10, 10, TimeSpan.FromSeconds(5)), new LoadStage(10, 50, TimeSpan.FromSeconds(10))], profile.Stages);
    }

    [Fact]
    public void WithLoadSimulations_KeepConstantBesideInject_Throws()
    {
        var scenario = Scenario.Create("shape", _ => Task.FromResult(Response.Ok()));

        Assert.Equal(LoadModelKind.Closed, scenario.WithLoadSimulations(Simulation.KeepConstant(4, TimeSpan.FromSeconds(3))).ToProfile().Kind);
        Assert.Throws<ArgumentException>(() => scenario.WithLoadSimulations(Simulation.KeepConstant(4, TimeSpan.FromSeconds(3)), Simulation.Inject(5, TimeSpan.FromSeconds(3))));
    }

    [Fact]
    public void Create_NameWithPathCharacters_Throws() =>
        Assert.Throws<ArgumentException>(() => Scenario.Create("../x", _ => Task.FromResult(Response.Ok())));
}
