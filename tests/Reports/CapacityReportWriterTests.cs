using System.Text.Json;
using System.Text.RegularExpressions;
using Perf.Analysis.Capacity;
using Perf.Harness;
using Perf.Harness.Results;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Reports;

public sealed partial class CapacityReportWriterTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-report-");

    public void Dispose() => directory.Delete(recursive: true);

    /// <summary>Writes <paramref name="content"/> (null: the sample data) as <c>measurements.json</c> in the test folder and returns its path.</summary>
    private async Task<string> MeasurementsAsync(CancellationToken ct, string? content = null)
    {
        var path = Path.Combine(directory.FullName, "measurements.json");
        await File.WriteAllTextAsync(path, content ?? JsonSerializer.Serialize(SampleCapacityData.Create(), ResultWriter.JsonOptions), ct);
        // The measuring run's provenance, which re-rendering needs beside its measurements.
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, ResultWriter.ManifestFileName), JsonSerializer.Serialize(RunManifest.Create("report"), ResultWriter.JsonOptions), ct);
        return path;
    }

    [Fact]
    public async Task WriteAsync_SampleData_WritesMarkdownHtmlChartsAndJson()
    {
        var ct = TestContext.Current.CancellationToken;
        var html = await WriteSampleAsync(ct);

        var markdown = await File.ReadAllTextAsync(Path.Combine(directory.FullName, "report.md"), ct);
        Assert.StartsWith("<!-- Provenance", markdown, StringComparison.Ordinal);
        Assert.Contains("# Capacity planning report", markdown, StringComparison.Ordinal);
        Assert.Contains("![latency of trades_30d", markdown, StringComparison.Ordinal);
        Assert.Contains("(rule `partitioning-pays-off`)", markdown, StringComparison.Ordinal);
        Assert.Contains("# How far the projections hold", markdown, StringComparison.Ordinal);
        Assert.Contains("Model error: too few p95 comparisons in the hold-outs (≥ 19 needed), so the bands beyond 10M carry the sampling interval alone.", markdown, StringComparison.Ordinal); // 6 queries
        Assert.Contains("| `trades_30d` | Basic | 1M / 1M |", markdown, StringComparison.Ordinal); // rows ÷ 10, fitted at 100k and 1M: 1M projected for 10M, 1M measured
        Assert.DoesNotContain("| Ended (UTC) | running |", markdown, StringComparison.Ordinal);
        // Disk is that of tables built in bulk, and the report says so with the committed run that measured what growth adds.
        var grown = Regex.Match(markdown, "grown row by row they take more, see Storage.*took 1\\.11–1\\.14× the bytes counted here, and 1\\.13–1\\.25× the file space \\(`(results/[^`]+)`", RegexOptions.Singleline);
        Assert.True(grown.Success, "the storage caveat is missing");
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.FindRoot(), grown.Groups[1].Value, "sizes.tsv")), grown.Groups[1].Value);
        foreach (var chart in new[] { "latency-trades-30d.png", "latency-summary-7d.png", "bytes-per-row.png", "capacity.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(directory.FullName, chart), ct);
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.Contains($"]({chart})", markdown, StringComparison.Ordinal);
        }

        var page = await File.ReadAllTextAsync(html, ct);
        Assert.Equal(4, DataUriImage().Count(page));
        Assert.DoesNotMatch("(src|href)=\"(https?:|//|[a-z-]+\\.png)", page);
        Assert.Contains("<td>Commit</td>", page, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory.FullName, "capacity.json"), ct));
        Assert.Equal(6, json.RootElement.GetProperty("growth").GetArrayLength());
        Assert.Equal(6, json.RootElement.GetProperty("holdOut").GetProperty("checks").GetArrayLength());
        Assert.False(json.RootElement.TryGetProperty("modelError", out var error) && error.ValueKind != JsonValueKind.Null);
        Assert.True(File.Exists(Path.Combine(directory.FullName, ResultWriter.ManifestFileName)));
    }

    [Fact]
    public async Task WriteAsync_OneSize_NoChartsAgainstTradeRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var sample = SampleCapacityData.Create();
        var largest = sample.Measurements.Max(m => m.TradeRows);
        var analysis = CapacityAnalysis.Analyze(sample with { Measurements = [.. sample.Measurements.Where(m => m.TradeRows == largest)] }, null);
        var writer = await ResultWriter.CreateAsync(RunManifest.Create("report-test"), directory.FullName, ct);

        await CapacityReportWriter.WriteAsync(writer, analysis, ct);

        var markdown = await File.ReadAllTextAsync(Path.Combine(directory.FullName, "report.md"), ct);
        Assert.Contains("No latency charts: one size was measured, and a chart against trade rows needs two.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("How far the projections hold", markdown, StringComparison.Ordinal);
        Assert.Contains("| capacity (req/s) |", markdown, StringComparison.Ordinal);
        Assert.Empty(directory.GetFiles("latency-*.png"));
        Assert.False(File.Exists(Path.Combine(directory.FullName, "capacity.png")));
        Assert.True(File.Exists(Path.Combine(directory.FullName, "bytes-per-row.png")));
    }

    [Fact]
    public async Task ReportCommand_Measurements_RerendersKeepingTheMeasuringRunAndNamingTheRenderer()
    {
        var ct = TestContext.Current.CancellationToken;
        var stored = Directory.CreateDirectory(Path.Combine(directory.FullName, "stored"));
        var measured = RunManifest.Create("report", arguments: ["report", "--sizes", "100k,1M,10M"]);
        await File.WriteAllTextAsync(Path.Combine(stored.FullName, "measurements.json"), JsonSerializer.Serialize(SampleCapacityData.Create(), ResultWriter.JsonOptions), ct);
        await File.WriteAllTextAsync(Path.Combine(stored.FullName, ResultWriter.ManifestFileName), JsonSerializer.Serialize(measured, ResultWriter.JsonOptions), ct);
        var rendered = Path.Combine(directory.FullName, "rendered");

        var exit = await Perf.Bench.Cli.BenchCli.RunAsync(["report", "--measurements", Path.Combine(stored.FullName, "measurements.json"), "--start", "2026-01-01", "--results", rendered], ct);

        Assert.Equal(0, exit);
        var manifest = await RunManifestFile.ReadAsync(Path.Combine(rendered, ResultWriter.ManifestFileName), ct);
        Assert.Equal(measured.StartedUtc, manifest.StartedUtc);
        Assert.Equal(measured.Arguments, manifest.Arguments);
        // The renderer is this checkout's HEAD (read from the .git files, not the CLI the command used), dirty or not.
        var head = GitInfo.TryReadFiles(RepositoryPaths.FindRoot())!.Commit;
        Assert.Matches($@"^from measurements\.json by {head[..12]}( \(dirty\))?$", manifest.Parameters["rendered"]);
        var markdown = await File.ReadAllTextAsync(Path.Combine(rendered, "report.md"), ct);
        Assert.Contains("rendered=from measurements.json by ", markdown, StringComparison.Ordinal);
        // The measuring run never ended (a sweep that failed midway): the render's time is not its end.
        Assert.Null(manifest.EndedUtc);
        Assert.Contains("| Ended (UTC) | unfinished (the run stopped before it ended) |", markdown, StringComparison.Ordinal);

        // A run that ended keeps its end.
        measured.EndedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await File.WriteAllTextAsync(Path.Combine(stored.FullName, ResultWriter.ManifestFileName), JsonSerializer.Serialize(measured, ResultWriter.JsonOptions), ct);
        Assert.Equal(0, await Perf.Bench.Cli.BenchCli.RunAsync(["report", "--measurements", Path.Combine(stored.FullName, "measurements.json"), "--start", "2026-01-01", "--results", rendered + "2"], ct));
        Assert.Equal(measured.EndedUtc, (await RunManifestFile.ReadAsync(Path.Combine(rendered + "2", ResultWriter.ManifestFileName), ct)).EndedUtc);
    }

    [Fact]
    public async Task ReportCommand_MeasurementsWithSizes_RendersThoseSizesAloneAndSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        var sample = SampleCapacityData.Create();
        var measurements = await MeasurementsAsync(ct, JsonSerializer.Serialize(sample with { Controls = [.. SampleCapacityData.Sizes.Select(rows => new ControlMeasurement(rows, sample.Measurements[0].Queries))] }, ResultWriter.JsonOptions));
        var rendered = Path.Combine(directory.FullName, "rendered");

        var exit = await Perf.Bench.Cli.BenchCli.RunAsync(["report", "--measurements", measurements, "--sizes", "100k,1M", "--start", "2026-01-01", "--results", rendered], ct);

        Assert.Equal(0, exit);
        using (var capacity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(rendered, "capacity.json"), ct)))
        {
            Assert.Equal([100_000L, 1_000_000L], capacity.RootElement.GetProperty("data").GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("tradeRows").GetInt64()));
        }

        var markdown = await File.ReadAllTextAsync(Path.Combine(rendered, "report.md"), ct);
        Assert.Contains("over identical data at 100k, 1M trade rows", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("How far the projections hold", markdown, StringComparison.Ordinal); // two sizes: no hold-out
        var manifest = await RunManifestFile.ReadAsync(Path.Combine(rendered, ResultWriter.ManifestFileName), ct);
        Assert.StartsWith("from measurements.json (sizes 100k,1M of 100k,1M,10M) by ", manifest.Parameters["rendered"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportCommand_MeasurementsWithASizeNotMeasured_OneLineUsageErrorAndNothingWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var measurements = await MeasurementsAsync(ct);
        var rendered = Path.Combine(directory.FullName, "rendered");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Perf.Bench.Cli.BenchCli.RunAsync(["report", "--measurements", measurements, "--sizes", "1M,3M", "--results", rendered], output, error, ct);

        Assert.Equal(Telemetry.CommandLine.ExitCodes.UsageError, exit);
        Assert.Equal("bench: error: --sizes: 3M not measured in this sweep; it holds 100k, 1M, 10M.", error.ToString().TrimEnd().Split(Environment.NewLine)[0]);
        Assert.False(Directory.Exists(rendered));
    }

    [Theory]
    [InlineData("not json", "is not a sweep's measurements.json: ")]
    [InlineData("{\"sizes\": 5}", "is not a sweep's measurements.json: JSON deserialization for type 'Perf.Analysis.Capacity.CapacityData' was missing required properties including: 'measurements', 'targets'.")]
    [InlineData("{\"measurements\": null, \"targets\": {\"p95Ms\": 500, \"p99Ms\": 1000}}", "is not a sweep's measurements.json: ")]
    [InlineData("null", "holds no measurements.")]
    public async Task ReportCommand_MeasurementsNotASweeps_OneLineUsageErrorAndNothingWritten(string content, string says)
    {
        var ct = TestContext.Current.CancellationToken;
        var measurements = await MeasurementsAsync(ct, content);
        var rendered = Path.Combine(directory.FullName, "rendered");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Perf.Bench.Cli.BenchCli.RunAsync(["report", "--measurements", measurements, "--results", rendered], output, error, ct);

        Assert.Equal(Telemetry.CommandLine.ExitCodes.UsageError, exit);
        var lines = error.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"bench: error: --measurements: {measurements} {says}", lines[0], StringComparison.Ordinal);
        Assert.Equal("Run 'bench report --help' for usage.", lines[1]);
        Assert.False(Directory.Exists(rendered));
    }

    [Theory]
    [InlineData("{\"startedUtc\": ", "the run's manifest beside it is unreadable: {0} is not a run's manifest: ")]
    // Rendered before with the renderer's commit and machine and "Server none" as the measurements' provenance.
    [InlineData(null, "{0} is missing: the report needs the manifest.json the sweep wrote")]
    public async Task ReportCommand_ManifestBesideMeasurementsCorruptOrMissing_OneLineUsageErrorAndNothingWritten(string? content, string says)
    {
        var ct = TestContext.Current.CancellationToken;
        var measurements = await MeasurementsAsync(ct);
        var manifest = Path.Combine(directory.FullName, ResultWriter.ManifestFileName);
        if (content is null)
        {
            File.Delete(manifest);
        }
        else
        {
            await File.WriteAllTextAsync(manifest, content, ct);
        }

        var rendered = Path.Combine(directory.FullName, "rendered");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Perf.Bench.Cli.BenchCli.RunAsync(["report", "--measurements", measurements, "--results", rendered], output, error, ct);

        Assert.Equal(Telemetry.CommandLine.ExitCodes.UsageError, exit);
        Assert.StartsWith("bench: error: --measurements: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, says, manifest), error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, error.ToString().TrimEnd().Split(Environment.NewLine).Length);
        Assert.False(Directory.Exists(rendered));
    }

    [Fact]
    public async Task WriteAsync_Html_RendersWithItsChartsInHeadlessChromium()
    {
        var ct = TestContext.Current.CancellationToken;
        if (HeadlessChromium.Find() is not { } chromium)
        {
            DatabaseServerFixture.SkipOrFail("No chromium for the HTML render check (apt-get install chromium, or set PERF_CHROMIUM).");
            return;
        }

        var html = await WriteSampleAsync(ct);
        // The probe reads what the browser decoded: every img complete with its natural size.
        var probe = Path.Combine(directory.FullName, "probe.html");
        const string Script = """
            <script>window.addEventListener('load', () => {
              document.body.setAttribute('data-images', [...document.images].map(i => i.complete + ':' + i.naturalWidth + 'x' + i.naturalHeight).join(','));
            });</script></body>
            """;
        await File.WriteAllTextAsync(probe, (await File.ReadAllTextAsync(html, ct)).Replace("</body>", Script, StringComparison.Ordinal), ct);

        var dom = await HeadlessChromium.DumpDomAsync(chromium, probe, ct);

        var images = ImagesAttribute().Match(dom);
        Assert.True(images.Success, "the page's load script did not run; DOM starts: " + dom[..Math.Min(dom.Length, 300)]);
        var sizes = images.Groups[1].Value.Split(',');
        Assert.Equal(4, sizes.Length);
        Assert.All(sizes, s => Assert.Equal("true:900x420", s));
        Assert.Contains("<h2>Recommendations</h2>", dom, StringComparison.Ordinal);
    }

    private async Task<string> WriteSampleAsync(CancellationToken ct)
    {
        var analysis = CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1)));
        var writer = await ResultWriter.CreateAsync(RunManifest.Create("report-test"), directory.FullName, ct);
        return await CapacityReportWriter.WriteAsync(writer, analysis, ct);
    }

    [GeneratedRegex("src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\"")]
    private static partial Regex DataUriImage();

    [GeneratedRegex("data-images=\"([^\"]*)\"")]
    private static partial Regex ImagesAttribute();
}
