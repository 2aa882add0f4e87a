using Perf.Load.Calibration;
using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Reports;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

[Collection(LoadTimingGroup.Name)]
public sealed class InvalidRunTests
{
    [Fact]
    public async Task Run_InFlightLimitDropsArrivals_IsInvalidNotPass()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // The server is frozen for the first second; with at most 2 requests open, the rest cannot be sent.
        var (summary, _, _) = await LoadTestSupport.RunAsync(
            server.BaseAddress,
            "get:/",
            LoadProfile.ConstantRate(100, TimeSpan.FromSeconds(1)),
            adjust: s => s with { MaxInFlight = 2, Validity = ValidityCriteria.Default });

        Assert.Equal(Verdict.Invalid, summary.Verdict);
        Assert.Equal(ExitCodes.InvalidRun, summary.ExitCode);
        Assert.True(summary.Generator.Dropped > 50);
        Assert.Contains(summary.Generator.Problems, p => p.Contains("never sent", StringComparison.Ordinal));
        Assert.True(summary.Total.StatusCodes["dropped"] > 50);
    }

    [Fact]
    public async Task Run_DispatchLagOverLimit_IsInvalid()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // No real generator dispatches within 100 ns, so a limit that tight must mark the run invalid.
        var (summary, _, _) = await LoadTestSupport.RunAsync(
            server.BaseAddress,
            "get:/",
            LoadProfile.ConstantRate(50, TimeSpan.FromSeconds(1)),
            adjust: s => s with { Validity = ValidityCriteria.Default with { MaxSendLagP99 = TimeSpan.FromTicks(1) } });

        Assert.Equal(Verdict.Invalid, summary.Verdict);
        Assert.Contains(summary.Generator.Problems, p => p.Contains("dispatch-lag p99", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_RequestsOpenAtEnd_CountAsTimeouts()
    {
        // Frozen for 5 s from the start: every request is still open when the 1 s run and 0.5 s grace end.
        await using var server = await LocalTestServer.StartAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var (summary, _, _) = await LoadTestSupport.RunAsync(
            server.BaseAddress,
            "get:/",
            LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1)),
            adjust: s => s with { GracefulStop = TimeSpan.FromMilliseconds(500), Thresholds = Perf.Load.Thresholds.Threshold.Defaults });

        Assert.Equal(summary.Total.Count, summary.Total.StatusCodes["timeout"]);
        Assert.Equal(summary.Total.Count, summary.Total.Failed);
        Assert.True(summary.Total.Latency.P50 >= 500, $"open requests are counted with the time they waited: p50 {summary.Total.Latency.P50} ms");
        Assert.Equal(Verdict.Fail, summary.Verdict);
        Assert.Contains(summary.Thresholds, t => t.Expression == "http_req_failed<0.01" && !t.Passed);
    }
}
