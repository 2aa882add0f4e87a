using System.Text.Json;
using Perf.Bench.Capacity;
using Perf.Load.Calibration;
using Perf.Load.Cli;
using Spectre.Console.Testing;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

[Collection(LoadTimingGroup.Name)]
public sealed class CapacitySearchTests
{
    [Fact]
    public async Task Capacity_EveryStepPasses_ReportsALowerBoundNotTheCapacity()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var directory = LoadTestSupport.TempDirectory();
        var console = new TestConsole();

        var exit = await LoadCli.RunAsync(
            ["capacity", "--url", server.BaseAddress.ToString(), "--scenario", "get:/", "--start-rate", "20", "--step", "20", "--max-rate", "40",
             "--step-duration", "1s", "--warmup", "0.2s", "--max-send-lag", "500ms", "--no-default-thresholds", "--threshold", "http_req_failed<=0", "--results", directory],
            console,
            null,
            TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "capacity.json"), TestContext.Current.CancellationToken));
        Assert.Equal(40, json.RootElement.GetProperty("maxPassingRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("firstFailingRate").ValueKind);
        Assert.True(json.RootElement.GetProperty("reachedMaxRate").GetBoolean());
        // bench's sweep reads the same file back as the load program's own type.
        Assert.Equal(new CapacityFinding(40, true, null), await CapacityProbe.ReadAsync(Path.Combine(directory, "capacity.json"), TestContext.Current.CancellationToken));
        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "capacity.md"), TestContext.Current.CancellationToken);
        Assert.Contains("the capacity is at least this", markdown, StringComparison.Ordinal);
        Assert.StartsWith("<!-- Provenance", markdown, StringComparison.Ordinal);
        Assert.Contains("| 40 | PASS | ", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "manifest.json")));
        Assert.Contains("capacity: at least 40 requests/s", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_ThresholdOnATenthOfTheTraffic_StepLengthenedUntilItsGroupCanBeJudged()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var directory = LoadTestSupport.TempDirectory();
        var console = new TestConsole();
        console.Profile.Width = 250;

        // A p95's interval keeps off the slowest request from 110 requests in its group. Sized on all requests the step sends
        // 201, of which healthz gets about 20: the step would fail for want of requests, not of speed.
        var exit = await LoadCli.RunAsync(
            ["capacity", "--url", server.BaseAddress.ToString(), "--scenario", "get:/=9", "--scenario", "healthz=1", "--start-rate", "200", "--step", "100", "--max-rate", "200",
             "--step-duration", "1s", "--warmup", "0.2s", "--max-send-lag", "500ms", "--no-default-thresholds", "--threshold", "healthz:p(95)<1000", "--results", directory],
            console,
            null,
            TestContext.Current.CancellationToken);

        Assert.True(exit == ExitCodes.Success, console.Output);
        Assert.Matches(@"rate 200/s: healthz:p\(95\)<1000 had \d+ of the 110 requests it needs; measuring it again for \d+ s", console.Output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "capacity.json"), TestContext.Current.CancellationToken));
        Assert.Equal(200, json.RootElement.GetProperty("maxPassingRate").GetDouble());
        using var step = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "rate-200", "summary.json"), TestContext.Current.CancellationToken));
        var judged = step.RootElement.GetProperty("thresholds")[0];
        Assert.True(judged.GetProperty("passed").GetBoolean());
        Assert.True(judged.GetProperty("requests").GetInt64() >= 110, judged.ToString());
    }

    [Fact]
    public async Task Capacity_NoThresholds_IsAUsageErrorBeforeAnyStep()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var directory = LoadTestSupport.TempDirectory();

        // Without a threshold every step passes, even one where every request failed: the "capacity" would be --max-rate.
        var (code, output, error) = await LoadTestSupport.RunCliAsync(
            ["capacity", "--url", server.BaseAddress.ToString(), "--scenario", "get:/", "--no-default-thresholds", "--step-duration", "1s", "--results", directory]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("there are none: give --threshold", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "capacity.json")));
    }

    [Theory]
    [InlineData(10, false, "p(99)<1000", 56)]
    [InlineData(20, false, "p(99)<1000", 28)]
    [InlineData(40, false, "p(99)<1000", 20)]
    [InlineData(10, false, "http_req_failed<=0", 20)]
    [InlineData(10, false, "http_req_failed<0.01", 37)]
    [InlineData(10, false, "http_req_failed<0.001", 369)] // 3,688 needed, one more sent
    [InlineData(10, false, "http_req_failed>0.5", 20)]
    [InlineData(5, false, "p(95)<500", 23)]
    [InlineData(2, false, "p(95)<500", 56)]
    [InlineData(20, true, "p(99)<1000", 32)]
    [InlineData(10, true, "p(99)<1000", 63)]
    public void DurationAt_Thresholds_LengthenAStepUntilItsRequestsCanBoundThem(double rate, bool poisson, string threshold, double seconds)
    {
        // A p99's interval keeps off the slowest request from 555 requests, a p95's from 110: a 20 s step at 10/s sends 200,
        // so it runs 56 s (556); Poisson arrivals get 3σ more. A failure rate's interval ends under 1 % from 368 requests
        // without a failure, under 0.1 % from 3,688; "no failure in this run" (<=0) and a lower limit need no more.
        var steps = new CapacitySteps(10, 10, 100, TimeSpan.FromSeconds(20), TimeSpan.Zero, poisson);

        Assert.Equal(TimeSpan.FromSeconds(seconds), steps.DurationAt(rate, [Perf.Load.Thresholds.ThresholdParser.Parse(threshold)]));
    }
}
