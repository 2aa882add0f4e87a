using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Load.Calibration;
using Perf.Load.Cli;
using Perf.Tests.Infrastructure;
using Spectre.Console.Testing;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

[Collection(LoadTimingGroup.Name)]
public sealed class CalibrationTests
{
    private const string WrkOutput = """
        Running 5s test @ http://127.0.0.1:41234/
          1 threads and 1 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   201.12us   80.31us   3.10ms   95.12%
            Req/Sec   421.55     10.12   440.00     80.00%
          Latency Distribution
             50%  186.00us
             75%  212.00us
             90%  250.00us
             99%    1.02ms
          2104 requests in 5.00s, 236.73KB read
        Requests/sec:    420.71
        Transfer/sec:     47.31KB
        """;

    [Fact]
    public void Parse_WrkLatencyOutput_ReadsP50P99AndRateInMilliseconds()
    {
        var result = WrkRunner.Parse(WrkOutput, 1);

        Assert.Equal(0.186, result.P50Ms, 6);
        Assert.Equal(1.02, result.P99Ms, 6);
        Assert.Equal(420.71, result.RequestsPerSecond, 6);
    }

    [Fact]
    public void Parse_NoDistribution_Throws()
    {
        Assert.Throws<FormatException>(() => WrkRunner.Parse("Requests/sec: 10\n", 1));
    }

    [Fact]
    public void CalibrationLatency_Rounds_RatioIsTheMedianOfEachRoundsRatioAgainstTheWrkRunsAroundIt()
    {
        // wrk, runner, wrk, runner, wrk, runner, wrk: the machine slows down over the first round (wrk 0.18 → 0.22 around
        // a runner at 0.20) and speeds up over the third, and the second is disturbed for the runner alone. The ratio
        // against the wrk runs around each runner run cancels the drift; the median drops the disturbed round.
        var latency = new CalibrationLatency("/", [
            new CalibrationRound(400, 0.20, 0.19, 0.18, 0.22, 0.044, 0.04, 0.06),
            new CalibrationRound(400, 0.90, 0.89, 0.22, 0.22, 0.04, 0.06, 0.04),
            new CalibrationRound(410, 0.20, 0.19, 0.22, 0.18, 0.05, 0.04, 0.06),
        ]);

        Assert.Equal(1.0, latency.PacedRatio, 6);
        Assert.Equal(1.0, latency.PacedRatioQuartiles.Low, 6);
        Assert.Equal(0.90 / 0.22, latency.PacedRatioQuartiles.High, 6);
        Assert.Equal(0.18 / 0.22, latency.WrkPacedDriftQuartiles.Low, 6);
        Assert.Equal(0.22 / 0.18, latency.WrkPacedDriftQuartiles.High, 6);
        Assert.Equal(0.20, latency.RunnerOpenP50Ms);
        Assert.Equal(0.18, latency.WrkPacedP50Ms);
        Assert.Equal(0.88, latency.BackToBackRatio, 6);
        Assert.Equal(400, latency.FixedRate);
    }

    [Fact]
    public void CalibrationThroughput_Rounds_RatioIsTheMedianOfEachRoundsRatio()
    {
        var throughput = new CalibrationThroughput("/", 16, [new ThroughputRound(40_000, 50_000), new ThroughputRound(30_000, 60_000), new ThroughputRound(45_000, 50_000)]);

        Assert.Equal(0.8, throughput.Ratio, 6);
        Assert.Equal(40_000, throughput.RunnerRps);
        Assert.Equal(50_000, throughput.WrkRps);
    }

    [Fact]
    public void Calibrate_MedianInsideTheBandButIntervalAcrossIt_IsNotSettledNotMet()
    {
        // 21 rounds whose median ratio 1.08 is inside ±10 %, but whose 95 % interval (the 6th and 16th of 21) is 0.93–1.19:
        // the band is neither shown to hold nor to be missed.
        var latency = Latency(WithOrderStatistics(0.93, 1.08, 1.19));
        var throughput = Throughput(WithOrderStatistics(0.9, 1.0, 1.1));

        Assert.Equal(1.08, latency.PacedRatio, 6);
        Assert.Equal(ExitCodes.InvalidRun, CalibrateCommand.ExitCode([latency, latency], throughput));
        var markdown = MarkdownRenderer.Render(CalibrateCommand.Build([latency, latency], throughput, 2));
        Assert.Contains("| not settled (95 % interval 0.93–1.19) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| met (95 % interval 0.90–1.10) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_ThroughputMedianAboveTheFloorButIntervalBelowIt_IsNotSettled()
    {
        var latency = Latency(WithOrderStatistics(0.98, 1.0, 1.02));
        var throughput = Throughput(WithOrderStatistics(0.7, 0.85, 0.95));

        Assert.Equal(0.85, throughput.Ratio, 6);
        Assert.Equal(ExitCodes.InvalidRun, CalibrateCommand.ExitCode([latency], throughput));
        Assert.Contains("| not settled (95 % interval 0.70–0.95) |", MarkdownRenderer.Render(CalibrateCommand.Build([latency], throughput, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_IntervalsInsideOrWhollyOutside_MetExitsZeroNotMetExits99()
    {
        var met = Latency(WithOrderStatistics(0.95, 1.0, 1.05));
        var missed = Latency(WithOrderStatistics(1.12, 1.2, 1.3));
        var throughput = Throughput(WithOrderStatistics(0.85, 0.9, 0.95));

        Assert.Equal(ExitCodes.Success, CalibrateCommand.ExitCode([met, met], throughput));
        Assert.Equal(ExitCodes.ThresholdsFailed, CalibrateCommand.ExitCode([met, missed], throughput));
        Assert.Contains("| NOT met (95 % interval 1.12–1.30) |", MarkdownRenderer.Render(CalibrateCommand.Build([met, missed], throughput, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_IntervalEndJustOutsideTheBand_PrintedOutsideIt()
    {
        // The interval's lower end 0.8996 lies outside the ±10 % band, so not settled; two decimals printed it as 0.90, inside.
        var latency = Latency(WithOrderStatistics(0.8996, 1.0, 1.05));

        Assert.Equal(ExitCodes.InvalidRun, CalibrateCommand.ExitCode([latency], Throughput(WithOrderStatistics(0.95, 1.0, 1.05))));
        Assert.Contains("| not settled (95 % interval 0.8996–1.05) |", MarkdownRenderer.Render(CalibrateCommand.Build([latency], Throughput(WithOrderStatistics(0.95, 1.0, 1.05)), 2)), StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_TooFewRoundsToBoundTheMedian_IsNotSettled()
    {
        var latency = Latency([1.0, 1.0, 1.0]);

        Assert.Equal(ExitCodes.InvalidRun, CalibrateCommand.ExitCode([latency], Throughput([1.0, 1.0, 1.0])));
        Assert.Contains("| not settled (an interval needs ≥ 6 rounds: 3) |", MarkdownRenderer.Render(CalibrateCommand.Build([latency], Throughput([1.0, 1.0, 1.0]), 2)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_OneShortRound_WritesBothComparisonsWithProvenance()
    {
        if (!WrkOnPath())
        {
            DatabaseServerFixture.SkipOrFail("wrk is not installed (apt-get install wrk).");
        }

        var directory = LoadTestSupport.TempDirectory();
        var console = new TestConsole();
        var before = CpuAffinity.IsSupported ? CpuAffinity.Format(CpuAffinity.Allowed()) : null;
        var split = CpuAffinity.Split();

        // The server is this build's Perf.Load testserver in a child process, as for a user.
        var exit = await LoadCli.RunAsync(
            ["calibrate", "--duration", "1s", "--rounds", "1", "--connections", "2", "--results", directory],
            console,
            null,
            TestContext.Current.CancellationToken);

        // One round cannot bound a median: no verdict.
        Assert.True(exit == ExitCodes.InvalidRun, $"exit {exit}: {console.Output}");
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "calibration.json"), TestContext.Current.CancellationToken));
        var latencies = json.RootElement.GetProperty("latencies");
        Assert.Equal(["/", "/spin/200"], latencies.EnumerateArray().Select(l => l.GetProperty("path").GetString()));
        foreach (var latency in latencies.EnumerateArray())
        {
            Assert.Single(latency.GetProperty("rounds").EnumerateArray());
            foreach (var figure in new[] { "fixedRate", "runnerOpenP50Ms", "wrkPacedP50Ms", "runnerClosedP50Ms", "wrkP50Ms", "pacedRatio" })
            {
                Assert.True(latency.GetProperty(figure).GetDouble() > 0, $"{figure} of {latency.GetProperty("path")}");
            }
        }

        // /spin/200 burns 200 µs per request on the server: both tools must see at least that.
        var spin = latencies[1];
        Assert.True(spin.GetProperty("runnerOpenP50Ms").GetDouble() >= 0.2 && spin.GetProperty("wrkPacedP50Ms").GetDouble() >= 0.2, spin.ToString());
        var throughput = json.RootElement.GetProperty("throughput");
        Assert.True(throughput.GetProperty("runnerRps").GetDouble() > 0 && throughput.GetProperty("wrkRps").GetDouble() > 0, throughput.ToString());

        var manifest = await File.ReadAllTextAsync(Path.Combine(directory, ResultWriter.ManifestFileName), TestContext.Current.CancellationToken);
        Assert.Contains("\"wrk\": \"wrk ", manifest, StringComparison.Ordinal);
        Assert.Contains("testserver in a child process", manifest, StringComparison.Ordinal);

        // Server and clients ran on CPUs of their own, and this process's threads are back where they were.
        Assert.Contains(
            split is { } pinned ? $"\"cpus\": \"testserver {CpuAffinity.Format(pinned.Server)}; runner and wrk {CpuAffinity.Format(pinned.Clients)}\"" : "\"cpus\": \"not pinned",
            manifest,
            StringComparison.Ordinal);
        if (before is not null)
        {
            Assert.All(CpuAffinityTests.ThreadCpuLists(), cpus => Assert.Equal(before, cpus));
        }

        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "calibration.md"), TestContext.Current.CancellationToken);
        Assert.StartsWith("<!-- Provenance", markdown, StringComparison.Ordinal);
        Assert.Contains("| `/spin/200` |", markdown, StringComparison.Ordinal);
        Assert.Contains("wrk vs wrk", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rounds", "0")]
    [InlineData("--duration", "100ms")]
    [InlineData("--url", "https://127.0.0.1:1/")]
    [InlineData("--wrk", "/nonexistent/wrk")]
    public async Task Calibrate_BadOption_IsAConfigurationError(string option, string value)
    {
        var exit = await LoadCli.RunAsync(["calibrate", option, value], new TestConsole(), null, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, exit);
    }

    /// <summary>21 ratios whose 6th, 11th and 16th smallest (the median's 95 % interval and the median) are the ones given.</summary>
    private static double[] WithOrderStatistics(double lower, double median, double upper) =>
        [.. Enumerable.Repeat(lower, 6), .. Enumerable.Repeat(median, 5), .. Enumerable.Repeat(upper, 10)];

    private static CalibrationLatency Latency(IEnumerable<double> ratios) =>
        new("/", [.. ratios.Select(r => new CalibrationRound(400, 0.2 * r, 0.2 * r, 0.2, 0.2, 0.2, 0.2, 0.2))]);

    private static CalibrationThroughput Throughput(IEnumerable<double> ratios) =>
        new("/", 16, [.. ratios.Select(r => new ThroughputRound(50_000 * r, 50_000))]);

    private static bool WrkOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, "wrk")));
}
