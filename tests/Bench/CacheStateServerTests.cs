using Perf.Analysis.Capacity;
using Perf.Bench.Capacity;
using Perf.Harness.Results;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>The sweep's cold and memory-constrained states on a server of the test's own (they restart it).</summary>
public sealed class CacheStateServerTests : IDisposable
{
    private readonly ServerHome home = new("cache-states");
    private readonly DirectoryInfo results = Directory.CreateTempSubdirectory("perf-cache-states-");

    public void Dispose()
    {
        results.Delete(recursive: true);
        home.Dispose();
    }

    [Fact]
    public async Task Sweep_ColdAndConstrained_MeasuredWithTheirPoolsAndDiskReads()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PrivateServer.ProvisionAsync(home.Path, ct);
        var options = ReportCommand.ParseOptions(["--sizes", "3k", "--variants", "basic,composite", "--rounds", "3", "--executions", "2", "--queries", "trades_page/hot,summary/hot", "--cache-states", "constrained,cold", "--buffer-pool", "32M,48M"]);
        var writer = await ResultWriter.CreateAsync(RunManifest.Create("cache-states-test"), results.FullName, ct);

        var data = await CapacitySweep.RunAsync(options, server, writer, results.FullName, ct);

        Assert.All(data.Measurements, m => Assert.Equal(CacheState.Warm, m.Cache!.State));
        Assert.Equal(
            [(SchemaVariant.Basic, CacheState.Cold, 64L << 20), (SchemaVariant.Composite, CacheState.Cold, 64L << 20),
             (SchemaVariant.Basic, CacheState.Constrained, 48L << 20), (SchemaVariant.Composite, CacheState.Constrained, 48L << 20),
             (SchemaVariant.Basic, CacheState.Constrained, 32L << 20), (SchemaVariant.Composite, CacheState.Constrained, 32L << 20)],
            data.CacheStates.Select(m => (m.Variant, m.Cache!.State, m.Cache.BufferPoolBytes)));
        Assert.All(data.CacheStates, m => Assert.Equal("O_DIRECT", m.Cache!.FlushMethod));
        // Cold: one execution per round per query, and every query found nothing in the pool, not only the first of a
        // round (trades_page/hot/7d, run after /1d on the same pages, read none from disk when a round restarted once).
        Assert.All(data.CacheStates.Where(m => m.Cache!.State == CacheState.Cold), m => Assert.All(m.Queries, q =>
        {
            Assert.Equal(3, q.RoundsMs.SelectMany(r => r).Count());
            Assert.True(q.Pages!.PhysicalReads >= 3, $"{m.Variant}'s cold {q.Query} read {q.Pages!.PhysicalReads} pages from disk in 3 rounds");
        }));
        // Every measurement counts its page requests; the warm ones after a warm-up read (almost) nothing from disk.
        Assert.All(data.Measurements.Concat(data.CacheStates), m => Assert.True(m.Pages!.LogicalReads > 0));
        // Each state keeps when its own rounds ran, after the warm ones.
        Assert.All(data.CacheStates, m => Assert.True(m.TimedFromUtc > data.Measurements.Single(w => w.Variant == m.Variant).TimedToUtc && m.TimedToUtc > m.TimedFromUtc));
        Assert.All(data.Measurements, m => Assert.True(m.Pages!.HitRatio > 0.99, $"{m.Variant} warm hit ratio {m.Pages!.HitRatio}"));
        // The control is timed in the warm rounds only: the cache states above are the variants' alone.
        Assert.Equal(data.Measurements[0].Queries.Select(q => q.Query), Assert.Single(data.Controls).Queries.Select(q => q.Query));
        // The sweep leaves the server as it found it.
        Assert.Equal((64L << 20, data.Measurements[0].Cache!.FlushMethod), await server.ReadBufferPoolAsync(ct));

        var analysis = CapacityAnalysis.Analyze(data, null);
        var markdown = Perf.Harness.Reports.MarkdownRenderer.Render(CapacityReportBuilder.Build(analysis));
        Assert.Contains("# As data outgrows memory", markdown, StringComparison.Ordinal);
        Assert.Contains("| Composite | 3k | constrained | 32 MiB |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Composite | 3k | constrained | 48 MiB |", markdown, StringComparison.Ordinal);
    }
}
