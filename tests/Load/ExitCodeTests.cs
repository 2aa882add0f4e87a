using Perf.Load.Calibration;
using Perf.Load.Cli;
using Perf.Load.Execution;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Spectre.Console.Testing;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

[Collection(LoadTimingGroup.Name)]
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("run --url http://127.0.0.1:9 --rate 0", "--rate must be greater than 0")]
    [InlineData("run --url http://127.0.0.1:9 --rate -5", "--rate must be greater than 0")]
    [InlineData("run --url http://127.0.0.1:9 --scenario dashbord", "Unknown scenario 'dashbord'")]
    [InlineData("run --url http://127.0.0.1:9 --threshold p95<500", "Malformed threshold")]
    [InlineData("run --url not-a-url", "not an absolute http")]
    [InlineData("run --url http://127.0.0.1:9 --rate 5 --concurrency 2", "Give one of")]
    [InlineData("run --url http://127.0.0.1:9 --stages 10:5s,abc:5s", "not a rate")]
    [InlineData("run --url http://127.0.0.1:9 --frobnicate 3", "Unrecognized command or argument '--frobnicate'")]
    [InlineData("run --url http://127.0.0.1:9 --rate 5 --duration 5s", "Cannot reach")]
    [InlineData("explode", "Unrecognized command or argument 'explode'")]
    public async Task Cli_BadConfiguration_ExitsWithConfigurationCodeAndOneLine(string commandLine, string message)
    {
        var (code, error) = await RunCliAsync(commandLine.Split(' '));

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_ThresholdNamesUnknownEndpoint_ExitsWithConfigurationCode()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);

        var (code, error) = await RunCliAsync(["run", "--url", server.BaseAddress.ToString(), "--scenario", "healthz", "--threshold", "trades:p(95)<300", "--duration", "1s"]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("'trades'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run --url http://127.0.0.1:9 --rate 5")]
    [InlineData("check --url http://127.0.0.1:9")]
    [InlineData("capacity --url http://127.0.0.1:9")]
    [InlineData("overhead")]
    [InlineData("calibrate --url http://127.0.0.1:9")]
    public async Task Cli_ResultsFolderUnderAFile_UsageErrorBeforeTheRun(string commandLine)
    {
        var file = Path.Combine(LoadTestSupport.TempDirectory(), "a-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);
        var results = Path.Combine(file, "run");

        var (code, error) = await RunCliAsync([.. commandLine.Split(' '), "--results", results]);

        // Nothing listens on port 9 and overhead would start a server: a check after parsing would fail another way, or run.
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal($"load: error: --results: cannot write results to {results}: {file} is a file.", error.Split(Environment.NewLine)[0]);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("x", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cli_Help_PrintsUsageAndSucceeds()
    {
        var console = new TestConsole();

        var code = await LoadCli.RunAsync(["run", "--help"], console, null, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Usage:", console.Output, StringComparison.Ordinal);
        Assert.Contains("--threshold", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_RunFailingThreshold_Exits99AndWritesReports()
    {
        var output = LoadTestSupport.TempDirectory();

        var (code, console) = await RunHealthzAsync("--threshold", "healthz:count>1000000", "--results", output);

        Assert.Equal(ExitCodes.ThresholdsFailed, code);
        Assert.Contains("FAIL  healthz:count>1000000", console.Output, StringComparison.Ordinal);
        // Fifty fast requests cannot bound the default p99 (368), nor show it over 1 s: not settled, and it says so. The
        // count threshold, shown missed, makes the run a FAIL all the same.
        Assert.Contains("NOT SETTLED  p(99)<1000  (total: ", console.Output, StringComparison.Ordinal);
        Assert.Contains("needs ≥ 368 samples (has ", console.Output, StringComparison.Ordinal);
        foreach (var file in new[] { "manifest.json", "summary.json", "report.md", "report.html", "latency.hgrm", "service.hgrm", "latency-healthz.hgrm", "latency.hlog" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        var html = await File.ReadAllTextAsync(Path.Combine(output, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("data:image/png;base64,iVBOR", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>healthz:count&gt;1000000</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><strong>total</strong></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Commit</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<pre>", html, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), TestContext.Current.CancellationToken);
        Assert.Equal(1, markdown.Split("| Commit |").Length - 1);
        Assert.DoesNotContain("| Ended (UTC) | running |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `healthz:count>1000000` | ", markdown, StringComparison.Ordinal);
        Assert.Contains("![latency by percentile", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_RunWithoutThresholds_NotJudgedNeverPass()
    {
        var (code, console) = await RunHealthzAsync("--no-default-thresholds");

        // Measured as asked, judged on nothing: it says so and exits 0, as k6 does without thresholds; only check refuses it.
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("NOT JUDGED (no thresholds set) (exit code 0)", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", console.Output, StringComparison.Ordinal);
        Assert.Equal((Verdict.NotJudged, ExitCodes.Success), RunSummaryBuilder.Decide(Health(valid: true), []));
        Assert.Equal((Verdict.Invalid, ExitCodes.InvalidRun), RunSummaryBuilder.Decide(Health(valid: false), []));
    }

    [Fact]
    public void Decide_InvalidGenerator_BeatsPassingThresholds()
    {
        var passed = new[] { new ThresholdResult("p(95)<500", "total", 1, "1 ms", true, 1000) };
        var failed = new[] { new ThresholdResult("p(95)<500", "total", 900, "900 ms", false, 1000) };

        Assert.Equal((Verdict.Pass, ExitCodes.Success), RunSummaryBuilder.Decide(Health(valid: true), passed));
        Assert.Equal((Verdict.Fail, ExitCodes.ThresholdsFailed), RunSummaryBuilder.Decide(Health(valid: true), failed));
        Assert.Equal((Verdict.Invalid, ExitCodes.InvalidRun), RunSummaryBuilder.Decide(Health(valid: false), passed));
        Assert.Equal((Verdict.Invalid, ExitCodes.InvalidRun), RunSummaryBuilder.Decide(Health(valid: false), failed));
        Assert.Equal(4, new[] { ExitCodes.Success, ExitCodes.ThresholdsFailed, ExitCodes.InvalidRun, ExitCodes.UsageError }.Distinct().Count());
    }

    [Fact]
    public void Decide_ThresholdNeitherHeldNorMissed_IsNotSettledUnlessAnotherWasMissed()
    {
        // An interval straddling its limit shows no miss: not a FAIL (exit 99), no verdict (exit 110), as an invalid run.
        var straddling = new ThresholdResult("p(95)<500", "total", 480, "480 ms [450–520]", false, 1000) { Settled = false };
        var missed = new ThresholdResult("p(99)<1000", "total", 1500, "1500 ms [1400–1600]", false, 1000);
        var held = new ThresholdResult("http_req_failed<0.01", "total", 0, "0%", true, 1000);

        Assert.Equal((Verdict.NotSettled, ExitCodes.InvalidRun), RunSummaryBuilder.Decide(Health(valid: true), [straddling, held]));
        Assert.Equal((Verdict.Fail, ExitCodes.ThresholdsFailed), RunSummaryBuilder.Decide(Health(valid: true), [straddling, missed]));
        Assert.Equal((Verdict.Invalid, ExitCodes.InvalidRun), RunSummaryBuilder.Decide(Health(valid: false), [straddling]));
    }

    private static GeneratorHealth Health(bool valid) =>
        new("open", 10, 10, 100, 100, 0, 0, 0.1, 0.1, 0.1, 0.2, 3, valid, valid ? [] : ["late"]);

    /// <summary>Runs <c>load run</c> for 1 s of <c>healthz</c> at 50/s against a local test server, with <paramref name="options"/> added.</summary>
    private static async Task<(int Code, TestConsole Console)> RunHealthzAsync(params string[] options)
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var console = new TestConsole();
        console.Profile.Width = 200;
        var code = await LoadCli.RunAsync(
            ["run", "--url", server.BaseAddress.ToString(), "--scenario", "healthz", "--rate", "50", "--duration", "1s", "--warmup", "0s", "--max-send-lag", "500ms", .. options],
            console,
            null,
            TestContext.Current.CancellationToken);
        return (code, console);
    }

    private static async Task<(int Code, string Error)> RunCliAsync(string[] args)
    {
        var (code, _, error) = await LoadTestSupport.RunCliAsync(args);
        return (code, error);
    }
}
