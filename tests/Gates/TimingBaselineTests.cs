using Perf.Harness.Gates;
using Perf.Harness.Results;

namespace Perf.Tests.Gates;

public sealed class TimingBaselineTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-baseline-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_RoundTripsManifestAndTimings()
    {
        var ct = TestContext.Current.CancellationToken;
        var export = Path.Combine(directory.FullName, "Perf.Bench.Q-report-full.json");
        await File.WriteAllTextAsync(export, """{"Benchmarks":[{"FullName":"Q.A","Statistics":{"OriginalValues":[1.0,2.0,3.0],"Mean":2.0,"Median":2.0,"ConfidenceInterval":{"Lower":1.0,"Upper":3.0}}}]}""", ct);
        var manifest = RunManifest.Create("ci");
        manifest.Dataset = new DatasetInfo(42, "ci", new Dictionary<string, long> { ["dd_trade_performance"] = 1000 }, "abc");
        var baselineDirectory = Path.Combine(directory.FullName, "baseline");

        await TimingBaseline.SaveAsync(baselineDirectory, manifest, [export], ct);
        var loaded = await TimingBaseline.LoadAsync(baselineDirectory, ct);

        Assert.Equal(manifest.Machine, loaded.Manifest.Machine);
        Assert.Equal(manifest.Git, loaded.Manifest.Git);
        Assert.Equal(1000, loaded.Manifest.Dataset!.RowCounts["dd_trade_performance"]);
        Assert.Equal("Q.A", Assert.Single(loaded.Timings).Name);
        Assert.Empty(EnvironmentComparer.Differences(manifest, loaded.Manifest));
    }
}
