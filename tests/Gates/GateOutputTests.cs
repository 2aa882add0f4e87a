using System.Xml.Linq;
using Perf.Analysis.Capacity;
using Perf.Analysis.Gates;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Telemetry.CommandLine;

namespace Perf.Tests.Gates;

public sealed class GateOutputTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-gate-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task WriteAsync_FailedGate_WritesJUnitMarkdownAndAppendsStepSummary()
    {
        var ct = TestContext.Current.CancellationToken;
        var report = new GateReport(
        [
            new GateCheck("plans", "trades_30d on Partitioned", GateOutcome.Passed, "index idx_trades_profile_time, 2 partitions", 0.5),
            new GateCheck("load", "p99 < 1000 ms at 50 req/s", GateOutcome.Failed, "p99 1450 ms", 30),
            new GateCheck("timings", "Q.A", GateOutcome.Skipped, "not compared"),
        ], []);
        var summary = Path.Combine(directory.FullName, "step-summary.md");
        await File.WriteAllTextAsync(summary, "earlier step\n", ct);
        var writer = await ResultWriter.CreateAsync(RunManifest.Create("ci"), Path.Combine(directory.FullName, "run"), ct);

        var markdownPath = await GateOutput.WriteAsync(writer, report, summary, ct);

        var junit = XDocument.Parse(await File.ReadAllTextAsync(Path.Combine(writer.Directory, GateOutput.JUnitFileName), ct));
        Assert.Equal("3", junit.Root!.Attribute("tests")!.Value);
        Assert.Equal("1", junit.Root.Attribute("failures")!.Value);
        Assert.Equal(3, junit.Descendants("testcase").Count());
        var failure = Assert.Single(junit.Descendants("failure"));
        Assert.Equal("p99 1450 ms", failure.Attribute("message")!.Value);
        Assert.Equal("perf-gate.load", failure.Parent!.Attribute("classname")!.Value);
        Assert.Single(junit.Descendants("skipped"));

        var markdown = await File.ReadAllTextAsync(markdownPath, ct);
        Assert.StartsWith("<!-- Provenance", markdown, StringComparison.Ordinal);
        Assert.Contains("# CI perf gate: FAILED", markdown, StringComparison.Ordinal);
        Assert.Contains("load/p99 < 1000 ms at 50 req/s: p99 1450 ms", markdown, StringComparison.Ordinal);
        Assert.Contains("| load | p99 < 1000 ms at 50 req/s | ❌ failed | p99 1450 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("| timings | Q.A | ⏭ skipped | not compared |", markdown, StringComparison.Ordinal);
        var stepSummary = await File.ReadAllTextAsync(summary, ct);
        Assert.StartsWith("earlier step\n# CI perf gate: FAILED", stepSummary, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ThresholdsFailed, report.ExitCode);
    }

    [Theory]
    [InlineData(TimingDesign.Paired, "ratio (median of per-round ratios)")]
    [InlineData(TimingDesign.Independent, "ratio (of the medians)")]
    public void Document_SuspectNotConfirmed_ShowsTheConfirmationBesideUnchanged(TimingDesign design, string ratioHeader)
    {
        // The first rounds read 3× slower; the confirmation found nothing: "3.00× | p = … | Unchanged" alone contradicts itself.
        var first = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("a", 3e6, 4e4, seed: 2)], TimingGateOptions.Default, design);
        var second = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 5)], [SyntheticTimings.Run("a", 1.02e6, 2e4, seed: 3)], TimingGateOptions.Default, design);
        var confirmed = TimingGate.Confirm(first, second);
        var report = new GateReport([.. TimingGate.ToChecks(confirmed)], confirmed);

        var markdown = MarkdownRenderer.Render(GateDocument.Build(report));

        var row = Assert.Single(markdown.Split('\n'), line => line.StartsWith("| a |", StringComparison.Ordinal));
        Assert.EndsWith(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| {first[0].Ratio:0.00}× | {ReportFormat.PValue(first[0].PValue)} | Unchanged: not confirmed (re-measured {second[0].Ratio:0.00}×, {ReportFormat.PValue(second[0].PValue)}, unchanged) |"),
            row,
            StringComparison.Ordinal);
        Assert.Contains($"| query | baseline | this run | {ratioHeader} | one-sided p | verdict |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("medians of round medians)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_ErrorCheck_IsAnErrorCaseNotAPass()
    {
        // A gate that could not measure fails closed (exit 110); the JUnit report a CI shows must say so too.
        var report = new GateReport([new GateCheck("timings", "confirmation rounds", GateOutcome.Error, "the probe exited 1")], []);

        var junit = XDocument.Parse(JUnitXml.Render(report, new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(("1", "0"), (junit.Root!.Attribute("errors")!.Value, junit.Root.Attribute("failures")!.Value));
        var error = Assert.Single(junit.Descendants("error"));
        Assert.Equal("the probe exited 1", error.Attribute("message")!.Value);
        Assert.Equal("confirmation rounds", error.Parent!.Attribute("name")!.Value);
    }
}
