using Perf.Load.Calibration;
using Perf.Load.Model;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

/// <summary>Proves the correction: a server that freezes for 1 s every 3 s.</summary>
[Collection(LoadTimingGroup.Name)]
public sealed class CoordinatedOmissionTests
{
    private static readonly TimeSpan StallPeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task OpenModel_ServerStalls_GatedP99ShowsStallAndServiceTimeDoesNot()
    {
        await using var server = await LocalTestServer.StartAsync(StallPeriod, Stall, TestContext.Current.CancellationToken);

        // Two connections, like a dashboard's few: arrivals during the freeze queue for a connection, which a user
        // waits through but a send-timed tool never sees.
        var (summary, _, _) = await LoadTestSupport.RunAsync(
            server.BaseAddress,
            "get:/",
            LoadProfile.ConstantRate(200, TimeSpan.FromSeconds(4), warmup: TimeSpan.FromMilliseconds(500)),
            connections: 2);

        Assert.True(summary.Generator.Valid, string.Join("; ", summary.Generator.Problems));
        Assert.True(summary.Total.Latency.P99 > 500, $"gated p99 {summary.Total.Latency.P99} ms should show the 1 s stall");
        Assert.True(summary.Total.Latency.Max > 800, $"gated max {summary.Total.Latency.Max} ms");
        // Shown against the stall, not a wall-clock budget: the gated p99 is over half of it, the service time's under.
        Assert.True(summary.Total.ServiceTime.P99 < Stall.TotalMilliseconds / 2, $"service-time p99 {summary.Total.ServiceTime.P99} ms should hide the stall");
        Assert.True(summary.Generator.SendLagP99Ms > 500, "the wait for a connection is send lag, not generator lateness");
        Assert.Equal(0, summary.Total.Failed);
    }

    [Fact]
    public async Task ClosedModel_ServerStalls_IsFooledIntoALowP99()
    {
        await using var server = await LocalTestServer.StartAsync(StallPeriod, Stall, TestContext.Current.CancellationToken);

        var (closed, _, _) = await LoadTestSupport.RunAsync(
            server.BaseAddress,
            "get:/",
            LoadProfile.Closed(2, TimeSpan.FromSeconds(4), warmup: TimeSpan.FromMilliseconds(500)));

        // The two workers each sit out the freeze once; thousands of fast requests around it bury the stall.
        Assert.True(closed.Total.Latency.Max > 500, $"closed max {closed.Total.Latency.Max} ms: the stall did happen");
        Assert.True(closed.Total.Latency.P99 < Stall.TotalMilliseconds / 2, $"closed p99 {closed.Total.Latency.P99} ms hides it");
        Assert.Equal(closed.Total.ServiceTime.P99, closed.Total.Latency.P99, tolerance: 0.05);
    }

    [Fact]
    public async Task Cli_ClosedModelServerStalls_NotJudgedNeverPass()
    {
        await using var server = await LocalTestServer.StartAsync(StallPeriod, Stall, TestContext.Current.CancellationToken);
        var output = LoadTestSupport.TempDirectory();

        var (code, console, _) = await LoadTestSupport.RunCliAsync(
            ["run", "--url", server.BaseAddress.ToString(), "--scenario", "get:/", "--concurrency", "2", "--duration", "4s", "--warmup", "500ms", "--quiet", "--results", output]);

        // With the default P95/P99 thresholds judged on its service time, this run printed PASS through the stall.
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("NOT JUDGED (no thresholds set)", console, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", console, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("latency is **service time**", report, StringComparison.Ordinal);
        Assert.DoesNotContain("coordinated-omission free", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenModel_UnlimitedConnections_StallReachesEveryArrivalDuringIt()
    {
        await using var server = await LocalTestServer.StartAsync(StallPeriod, Stall, TestContext.Current.CancellationToken);

        var (summary, _, _) = await LoadTestSupport.RunAsync(
            server.BaseAddress,
            "get:/",
            LoadProfile.ConstantRate(100, TimeSpan.FromSeconds(4), warmup: TimeSpan.FromMilliseconds(500)));

        // About a quarter of the time is frozen, so the p90 already sits inside the stall.
        Assert.True(summary.Generator.Valid, string.Join("; ", summary.Generator.Problems));
        Assert.True(summary.Total.Latency.P90 > 100, $"gated p90 {summary.Total.Latency.P90} ms");
        Assert.True(summary.Generator.PeakInFlight >= 50, $"peak in-flight {summary.Generator.PeakInFlight}: the dispatcher kept sending during the freeze");
    }
}
