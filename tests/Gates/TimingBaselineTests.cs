using Perf.Analysis.Gates;

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

    [Fact]
    public async Task LoadAsync_NotABaseline_SaysHowToMakeOne()
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => TimingBaseline.LoadAsync(directory.FullName, TestContext.Current.CancellationToken));

        Assert.Contains("ci --update-baseline", ex.Message, StringComparison.Ordinal);
    }
}
