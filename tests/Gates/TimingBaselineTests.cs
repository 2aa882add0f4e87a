using Perf.Analysis.Gates;
using Perf.Harness.Results;
using Telemetry.CommandLine;

namespace Perf.Tests.Gates;

public sealed class TimingBaselineTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-baseline-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_RoundTripsManifestAndTimings()
    {
        var ct = TestContext.Current.CancellationToken;
        var manifest = SyntheticTimings.Manifest();
        var series = SyntheticTimings.Run("trades_page/hot/7d", 2e6, 1e5, seed: 1);

        await TimingBaseline.SaveAsync(directory.FullName, manifest, [series], ct);
        var loaded = await TimingBaseline.LoadAsync(directory.FullName, ct);

        Assert.Equal(manifest.Machine, loaded.Manifest.Machine);
        Assert.Equal("0a7884e0", loaded.Manifest.Dataset!.Checksum);
        var timing = Assert.Single(loaded.Timings);
        Assert.Equal(series.RoundMediansNs, timing.RoundMediansNs);
        Assert.Empty(EnvironmentComparer.Differences(manifest, loaded.Manifest));
    }

    [Theory]
    [InlineData("all", 10, 3, "--cases: baseline health/hot, this run all")]
    [InlineData("health/hot", 20, 3, "--executions: baseline 10, this run 20")]
    [InlineData("health/hot", 10, 0, "--warmup: baseline 3, this run 0")]
    public async Task MeasuredAlike_BaselineStoredWithOtherOptions_Refused(string cases, int executions, int warmup, string difference)
    {
        var ct = TestContext.Current.CancellationToken;
        var stored = SyntheticTimings.Manifest();
        TimingBaseline.RecordMeasurement(stored, ["health/hot"], 10, 3);
        await TimingBaseline.SaveAsync(directory.FullName, stored, [SyntheticTimings.Run("health/hot", 1e6, 1e4, seed: 1)], ct);
        var current = SyntheticTimings.Manifest();
        TimingBaseline.RecordMeasurement(current, cases == "all" ? [] : [cases], executions, warmup);

        var check = TimingBaseline.MeasuredAlike((await TimingBaseline.LoadAsync(directory.FullName, ct)).Manifest, current);

        Assert.Equal(GateOutcome.Failed, check.Outcome);
        Assert.StartsWith("refusing to compare with a baseline measured otherwise", check.Message, StringComparison.Ordinal);
        Assert.EndsWith(difference, check.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.EnvironmentMismatch, new GateReport([check], []).ExitCode);
    }

    [Fact]
    public void MeasuredAlike_SameOptionsInAnotherOrderOrCase_Passes_AndAnUnrecordedBaselineIsRefused()
    {
        var (stored, current, old) = (SyntheticTimings.Manifest(), SyntheticTimings.Manifest(), SyntheticTimings.Manifest());
        TimingBaseline.RecordMeasurement(stored, ["summary/hot/30d", "Health/hot"], 10, 3);
        TimingBaseline.RecordMeasurement(current, ["health/hot", "summary/hot/30d"], 10, 3);

        var alike = TimingBaseline.MeasuredAlike(stored, current);
        var unrecorded = TimingBaseline.MeasuredAlike(old, current);

        Assert.Equal((GateOutcome.Passed, "--cases health/hot,summary/hot/30d --executions 10 --warmup 3"), (alike.Outcome, alike.Message));
        Assert.Equal(GateOutcome.Failed, unrecorded.Outcome);
        Assert.Contains("--cases: baseline not recorded, this run health/hot,summary/hot/30d", unrecorded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_TimingsReplacedWithoutTheirManifest_RefusedAsAMismatchedPair()
    {
        var ct = TestContext.Current.CancellationToken;
        await TimingBaseline.SaveAsync(directory.FullName, SyntheticTimings.Manifest(), [SyntheticTimings.Run("health/hot", 1e6, 1e4, seed: 1)], ct);

        // A save that stopped after its first file: the new timings beside the old manifest.
        await WholeFile.WriteJsonAsync(Path.Combine(directory.FullName, TimingBaseline.TimingsFileName), new[] { SyntheticTimings.Run("health/hot", 2e6, 1e4, seed: 2) }, ct);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => TimingBaseline.LoadAsync(directory.FullName, ct));

        Assert.Contains($"{TimingBaseline.TimingsFileName} is not the file", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("store the baseline again with `ci --update-baseline`.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ManifestWithoutTheTimingsHash_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await TimingBaseline.SaveAsync(directory.FullName, SyntheticTimings.Manifest(), [SyntheticTimings.Run("health/hot", 1e6, 1e4, seed: 1)], ct);
        await WholeFile.WriteJsonAsync(Path.Combine(directory.FullName, ResultWriter.ManifestFileName), SyntheticTimings.Manifest(), ct);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => TimingBaseline.LoadAsync(directory.FullName, ct));

        Assert.Contains($"records no hash of {TimingBaseline.TimingsFileName}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NotABaseline_SaysHowToMakeOne()
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => TimingBaseline.LoadAsync(directory.FullName, TestContext.Current.CancellationToken));

        Assert.Contains("ci --update-baseline", ex.Message, StringComparison.Ordinal);
    }
}
