using Perf.Harness.Results;
using Perf.Load.Calibration;
using Perf.Load.Measurement;
using Perf.Load.Merge;
using Perf.Load.Model;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

[Collection(LoadTimingGroup.Name)]
public sealed class MergeTests
{
    [Fact]
    public async Task Merge_TwoMachines_AddsCountsAndHistograms()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = LoadProfile.ConstantRate(50, TimeSpan.FromSeconds(1), warmup: TimeSpan.FromMilliseconds(200));
        var a = await WriteRunAsync(server.BaseAddress, profile, seed: 1);
        var b = await WriteRunAsync(server.BaseAddress, profile, seed: 2);

        var merged = await RunMerger.MergeAsync([a.Directory, b.Directory], [], TestContext.Current.CancellationToken);

        var expectedCount = a.Report.Summary.Total.Count + b.Report.Summary.Total.Count;
        Assert.Equal(expectedCount, merged.Summary.Total.Count);
        Assert.Equal(expectedCount, merged.Total.Latency.TotalCount);
        Assert.Equal(expectedCount, merged.Summary.Total.StatusCodes["200"]);
        Assert.Equal(a.Report.Summary.Total.Bytes + b.Report.Summary.Total.Bytes, merged.Summary.Total.Bytes);

        // Percentiles come from the added histograms, never from averaging the machines' percentiles.
        var direct = Histograms.Create();
        direct.Add(a.Report.Total.Latency);
        direct.Add(b.Report.Total.Latency);
        Assert.Equal(Histograms.PercentileMs(direct, 99), merged.Summary.Total.Latency.P99);
        Assert.Equal(Histograms.MaxMs(direct), merged.Summary.Total.Latency.Max);
        Assert.Equal(a.Report.Summary.Generator.Sent + b.Report.Summary.Generator.Sent, merged.Summary.Generator.Sent);
        Assert.Equal(2, merged.Summary.MergedFrom!.Count);

        // The thresholds are judged on the sum: ~50 requests a machine cannot bound a p95 (72), the ~100 merged can, by
        // the merged histogram's own interval; neither bounds a p99 (368), so the merged run has not settled it and says so.
        Assert.All([a, b], run => Assert.EndsWith($"needs ≥ 72 samples (has {run.Report.Total.Latency.TotalCount})", run.Report.Summary.Thresholds[0].ActualText, StringComparison.Ordinal));
        Assert.Equal(Histograms.EstimateMs(direct, 95).Upper < 500, merged.Summary.Thresholds[0].Passed);
        Assert.DoesNotContain("needs", merged.Summary.Thresholds[0].ActualText, StringComparison.Ordinal);
        Assert.EndsWith($"needs ≥ 368 samples (has {expectedCount})", merged.Summary.Thresholds[1].ActualText, StringComparison.Ordinal);
        Assert.True(merged.Summary.Generator.Valid, string.Join("; ", merged.Summary.Generator.Problems));
        Assert.Equal(Verdict.NotSettled, merged.Summary.Verdict);

        var output = LoadTestSupport.TempDirectory();
        await ReportWriter.WriteAsync(merged, RunManifest.Create("load-merge"), output, html: true, TestContext.Current.CancellationToken);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
    }

    [Fact]
    public async Task Merge_RunsWithFailures_TheMergedTimelineCountsThem()
    {
        // Every request is a 404: each second of each machine's timeline has its failures, and so must the sum's.
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(2), warmup: TimeSpan.Zero);
        var a = await WriteRunAsync(server.BaseAddress, profile, seed: 1, scenario: "get:/missing");
        var b = await WriteRunAsync(server.BaseAddress, profile, seed: 2, scenario: "get:/missing");

        var merged = await RunMerger.MergeAsync([a.Directory, b.Directory], [], TestContext.Current.CancellationToken);

        Assert.All([a, b], run => Assert.Equal(run.Report.Summary.Total.Failed, run.Report.Summary.Timeline.Sum(p => p.Errors)));
        Assert.Equal(a.Report.Summary.Total.Failed + b.Report.Summary.Total.Failed, merged.Summary.Total.Failed);
        Assert.Equal(merged.Summary.Total.Failed, merged.Summary.Timeline.Sum(p => p.Errors));
        Assert.True(merged.Summary.Total.Failed >= 78, $"{merged.Summary.Total.Failed} failed");
    }

    [Fact]
    public async Task Merge_RunsOneAfterAnother_RatesAreOverBothPeriodsAndTheReportSaysSo()
    {
        // Two runs of 50/s, one after the other: 50 requests a second were sent, never 100.
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = LoadProfile.ConstantRate(50, TimeSpan.FromSeconds(1), warmup: TimeSpan.Zero);
        var a = await WriteRunAsync(server.BaseAddress, profile, seed: 1);
        var b = await WriteRunAsync(server.BaseAddress, profile, seed: 2);

        var merged = await RunMerger.MergeAsync([a.Directory, b.Directory], [ThresholdParser.Parse("http_reqs:rate>=75")], TestContext.Current.CancellationToken);

        var both = a.Report.Summary.MeasuredSeconds + b.Report.Summary.MeasuredSeconds;
        Assert.Equal(both, merged.Summary.MeasuredSeconds, 3);
        Assert.Equal(merged.Summary.Total.Count / both, merged.Summary.Total.Rps, 3);
        Assert.InRange(merged.Summary.Generator.TargetRate, 49, 51);
        Assert.InRange(merged.Summary.Configuration.TargetRate, 49, 51);
        var rate = merged.Summary.Thresholds.Single(t => t.Expression == "http_reqs:rate>=75");
        Assert.False(rate.Passed, rate.ActualText);
        Assert.Equal(0, merged.Summary.MergedOverlapSeconds);
        Assert.Contains("did not overlap in time", merged.Summary.MergedTimeNote(), StringComparison.Ordinal);
        Assert.Contains("did not overlap in time", Perf.Harness.Reports.MarkdownRenderer.Render(LoadReport.Build(merged.Summary)), StringComparison.Ordinal);

        // Had they run together, the rates add as before: the longest run's period, no note.
        var (second, secondLog) = await ReadRunAsync(b.Directory);
        var concurrent = RunMerger.Merge([(a.Directory, a.Report.Summary, await ReadLogAsync(a.Directory)), (b.Directory, second with { StartedUtc = a.Report.Summary.StartedUtc }, secondLog)], []);
        Assert.Equal(Math.Max(a.Report.Summary.MeasuredSeconds, b.Report.Summary.MeasuredSeconds), concurrent.Summary.MeasuredSeconds, 3);
        Assert.InRange(concurrent.Summary.Generator.TargetRate, 99, 101);
        Assert.Null(concurrent.Summary.MergedTimeNote());
    }

    [Theory]
    [InlineData(0, 10, 0, 10, 10)]
    [InlineData(0, 10, 10, 10, 20)]
    [InlineData(0, 10, 30, 10, 20)]
    [InlineData(0, 10, 4, 10, 14)]
    [InlineData(0, 10, 2, 5, 10)]
    public void UnionSeconds_TwoSpans_TimeEitherCovers(int firstStart, int firstLength, int secondStart, int secondLength, double expected)
    {
        var t0 = DateTimeOffset.UnixEpoch;
        (DateTimeOffset, DateTimeOffset) Span(int start, int length) => (t0.AddSeconds(start), t0.AddSeconds(start + length));

        Assert.Equal(expected, RunMerger.UnionSeconds([Span(secondStart, secondLength), Span(firstStart, firstLength)]), 9);
    }

    [Fact]
    public async Task Merge_ClosedModelRunsWithALatencyThreshold_IsAUsageError()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        // With the default thresholds, as every closed run on the command line had before it refused latency thresholds.
        var run = await WriteRunAsync(server.BaseAddress, LoadProfile.Closed(2, TimeSpan.FromSeconds(1)), seed: 1);

        var ex = await Assert.ThrowsAsync<UsageException>(() => RunMerger.MergeAsync([run.Directory], [], TestContext.Current.CancellationToken));

        // Merged, its service-time p95 and p99 were judged as latency and passed.
        Assert.StartsWith("Threshold 'p(95)<500' judges latency, which closed-model runs (--concurrency) hide", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_SameRunTwice_IsAUsageError()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var run = await WriteRunAsync(server.BaseAddress, LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1)), seed: 1);

        var ex = await Assert.ThrowsAsync<UsageException>(() => RunMerger.MergeAsync([run.Directory, run.Directory + Path.DirectorySeparatorChar], [], TestContext.Current.CancellationToken));

        Assert.Contains("2 times: each run directory once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadManifests_DifferentDatasetsOrAManifestCorruptOrMissing_IsAUsageError()
    {
        // Same configuration, different data: the merged percentiles would mix two systems.
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1));
        var a = await WriteRunAsync(server.BaseAddress, profile, seed: 1);
        var b = await WriteRunAsync(server.BaseAddress, profile, seed: 2);
        await SetDatasetAsync(a.Directory, new DatasetInfo(42, "small", new Dictionary<string, long> { ["trades"] = 1000 }, "aaaa"));
        await SetDatasetAsync(b.Directory, new DatasetInfo(42, "small", new Dictionary<string, long> { ["trades"] = 1000 }, "bbbb"));

        var ex = await Assert.ThrowsAsync<UsageException>(() => RunMerger.ReadManifestsAsync([a.Directory, b.Directory], TestContext.Current.CancellationToken));

        Assert.Contains("checksum aaaa", ex.Message, StringComparison.Ordinal);
        Assert.Contains("checksum bbbb", ex.Message, StringComparison.Ordinal);

        // The checksum covers neither metric windows nor every append: the same checksum over other rows is other data.
        await SetDatasetAsync(b.Directory, new DatasetInfo(42, "small", new Dictionary<string, long> { ["trades"] = 2000 }, "aaaa"));
        var rows = await Assert.ThrowsAsync<UsageException>(() => RunMerger.ReadManifestsAsync([a.Directory, b.Directory], TestContext.Current.CancellationToken));
        Assert.Contains("checksum aaaa, rows trades 2000", rows.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(b.Directory, ResultWriter.ManifestFileName), "{bad", TestContext.Current.CancellationToken);
        var corrupt = await Assert.ThrowsAsync<UsageException>(() => RunMerger.ReadManifestsAsync([a.Directory, b.Directory], TestContext.Current.CancellationToken));
        Assert.StartsWith($"'{b.Directory}' is not a run directory: ", corrupt.Message, StringComparison.Ordinal);

        // Skipped before: the merged manifest took the dataset from the other run and named one commit and machine for two runs.
        File.Delete(Path.Combine(b.Directory, ResultWriter.ManifestFileName));
        var missing = await Assert.ThrowsAsync<UsageException>(() => RunMerger.ReadManifestsAsync([a.Directory, b.Directory], TestContext.Current.CancellationToken));
        Assert.StartsWith($"'{b.Directory}' has no {ResultWriter.ManifestFileName}: ", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProvenance_SameDataset_MergedManifestNamesItAndEachRunsCommitAndMachine()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1));
        var a = await WriteRunAsync(server.BaseAddress, profile, seed: 1);
        var b = await WriteRunAsync(server.BaseAddress, profile, seed: 2);
        var dataset = new DatasetInfo(42, "small", new Dictionary<string, long> { ["trades"] = 1000 }, "aaaa");
        await SetDatasetAsync(a.Directory, dataset);
        await SetDatasetAsync(b.Directory, dataset);
        var merged = RunManifest.Create("load-merge");

        RunMerger.AddProvenance(merged, await RunMerger.ReadManifestsAsync([a.Directory, b.Directory], TestContext.Current.CancellationToken));

        Assert.Equal("aaaa", merged.Dataset?.Checksum);
        var source = await RunManifestFile.ReadAsync(Path.Combine(a.Directory, ResultWriter.ManifestFileName), TestContext.Current.CancellationToken);
        Assert.Equal(2, merged.Parameters["mergedCommits"].Split(", ").Length);
        Assert.StartsWith(source.Git?.Commit ?? "unknown", merged.Parameters["mergedCommits"], StringComparison.Ordinal);
        Assert.Equal($"{source.Machine.HostName}, {source.Machine.HostName}", merged.Parameters["mergedMachines"]);
    }

    [Fact]
    public async Task Merge_DifferentConfigurations_IsAConfigurationError()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var a = await WriteRunAsync(server.BaseAddress, LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1)), seed: 1);
        var b = await WriteRunAsync(server.BaseAddress, LoadProfile.ConstantRate(40, TimeSpan.FromSeconds(1)), seed: 1);

        var ex = await Assert.ThrowsAsync<UsageException>(() => RunMerger.MergeAsync([a.Directory, b.Directory], [], TestContext.Current.CancellationToken));

        Assert.Contains("Runs do not match", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("summary.json", "{bad", "summary.json is not a run's summary: ")]
    [InlineData("summary.json", "{\"measuredSeconds\": 1}", "summary.json is not a run's summary: JSON deserialization for type 'Perf.Load.Reports.RunSummary' was missing required properties")]
    [InlineData("latency.hlog", "garbage", "Interval log line 1: ")]
    // Base64 and zlib, but not a histogram: HdrHistogram threw NotSupportedException with a stack trace.
    [InlineData("latency.hlog", "0.000,1.000,1.000,HISTBAAAABd4nMvLL1FIVMjILC7JTy9KzAUALHsFwQ==", "Compressed histogram holds no histogram: ")]
    [InlineData("latency.hlog", "NaN,1.000,1.000,HISTBAAAABd4nMvLL1FIVMjILC7JTy9KzAUALHsFwQ==", "Interval log line 1: 'NaN' is not a number.")]
    public async Task Merge_ARunsFileCorrupt_UsageErrorNamingTheDirectory(string file, string content, string says)
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var run = await WriteRunAsync(server.BaseAddress, LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1)), seed: 1);
        await File.WriteAllTextAsync(Path.Combine(run.Directory, file), content, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<UsageException>(() => RunMerger.MergeAsync([run.Directory], [], TestContext.Current.CancellationToken));

        Assert.StartsWith($"'{run.Directory}' is not a run directory: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    /// <summary>JSON that parses but holds a null the merge would dereference (a NullReferenceException with a stack trace before): read as merge reads a run, summary then manifest.</summary>
    [Theory]
    [InlineData("summary.json", "\"scenarios\": [", "\"scenarios\": [ null,", "summary.json is not a run's summary: the list item at $.scenarios[0] is null.")]
    [InlineData("manifest.json", "\"machine\": {", "\"machine\": null, \"was\": {", "manifest.json is not a run's manifest: its tool or machine is null.")]
    public async Task Merge_ARunsFileHoldsANull_UsageErrorNamingTheDirectory(string file, string find, string replace, string says)
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var run = await WriteRunAsync(server.BaseAddress, LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1)), seed: 1);
        var path = Path.Combine(run.Directory, file);
        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.Contains(find, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Replace(find, replace, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<UsageException>(async () =>
        {
            await RunMerger.MergeAsync([run.Directory], [], TestContext.Current.CancellationToken);
            await RunMerger.ReadManifestsAsync([run.Directory], TestContext.Current.CancellationToken);
        });

        Assert.StartsWith($"'{run.Directory}' is not a run directory: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeGenerators_TakesWorstLagAndAddsCounts()
    {
        var one = new Perf.Load.Execution.GeneratorHealth("open", 10, 10, 100, 100, 1, 0, 0.5, 0.1, 2, 3, 4, true, []);
        var two = new Perf.Load.Execution.GeneratorHealth("open", 10, 9, 100, 90, 2, 10, 30, 0.2, 40, 50, 5, false, ["dropped"]);

        var merged = RunMerger.MergeGenerators([one, two]);

        Assert.Equal(190, merged.Sent);
        Assert.Equal(10, merged.Dropped);
        Assert.Equal(30, merged.DispatchLagP99Ms);
        Assert.False(merged.Valid);
        Assert.Equal("machine 2: dropped", Assert.Single(merged.Problems));
    }

    private static async Task SetDatasetAsync(string directory, DatasetInfo dataset)
    {
        var path = Path.Combine(directory, ResultWriter.ManifestFileName);
        var manifest = await RunManifestFile.ReadAsync(path, TestContext.Current.CancellationToken);
        manifest.Dataset = dataset;
        await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(manifest, ResultWriter.JsonOptions), TestContext.Current.CancellationToken);
    }

    private static async Task<(RunSummary Summary, IReadOnlyList<HistogramLogEntry> Log)> ReadRunAsync(string directory) =>
        (await SummaryJson.ReadAsync(Path.Combine(directory, ReportWriter.SummaryFile), TestContext.Current.CancellationToken), await ReadLogAsync(directory));

    private static async Task<IReadOnlyList<HistogramLogEntry>> ReadLogAsync(string directory)
    {
        using var reader = new StringReader(await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.IntervalLogFile), TestContext.Current.CancellationToken));
        return HistogramLog.Read(reader);
    }

    private static async Task<(string Directory, ReportInput Report)> WriteRunAsync(Uri url, LoadProfile profile, int seed, string scenario = "get:/")
    {
        var (_, report, manifest) = await LoadTestSupport.RunAsync(url, scenario, profile, adjust: s => s with { Seed = seed, Thresholds = Threshold.Defaults });
        var directory = LoadTestSupport.TempDirectory();
        await ReportWriter.WriteAsync(report, manifest, directory, html: false, TestContext.Current.CancellationToken);
        return (directory, report);
    }
}
