using Perf.Analysis.Capacity;
using Perf.Load.Reports;

namespace Perf.Tests.Load;

public sealed class LoadCacheTests
{
    private const long Pool = 256L << 20;

    [Fact]
    public void Describe_Constrained_PoolDataRatioAndPagesPerRequest()
    {
        var cache = new LoadCache(new CacheCondition(CacheState.Constrained, Pool, "O_DIRECT", true), 10L << 30, true, new PageCounts(1_000_000, 6_400, 600));

        Assert.Equal(
            "Database cache memory-constrained: the server was restarted with a small buffer pool before the API started; buffer pool 256 MiB (O_DIRECT, OS page cache dropped), database 10 GiB = 40× the pool; measured period: 1,000,000 page requests, 6,400 read from disk (hit ratio 99.36 %), 10.67 disk reads per request",
            cache.Describe());
        Assert.Equal(40, cache.DataToMemory);
    }

    [Theory]
    [InlineData(false, "Database cache warm: the server as found, after the warm-up; buffer pool 256 MiB (O_DIRECT), database 128 MiB = 0.5× the pool")]
    [InlineData(true, "Database cache warm-up only: the server was started for this run, so its buffer pool held only what the warm-up read; buffer pool 256 MiB (O_DIRECT), database 128 MiB = 0.5× the pool")]
    public void Describe_WarmWithoutPages_SaysWhetherThePoolBeganEmpty(bool startedForRun, string expected)
    {
        var cache = new LoadCache(new CacheCondition(CacheState.Warm, Pool, "O_DIRECT", null), 128L << 20, startedForRun, null);

        Assert.Equal(expected, cache.Describe());
    }

    [Fact]
    public void Describe_ColdWithTheOsCacheKept_SaysSo()
    {
        var cache = new LoadCache(new CacheCondition(CacheState.Cold, Pool, "O_DIRECT", false), 1L << 30, true, null);

        Assert.StartsWith("Database cache cold: the server was restarted with an empty buffer pool before the API started, no warm-up; buffer pool 256 MiB (O_DIRECT, OS page cache kept (dropping it needs root))", cache.Describe(), StringComparison.Ordinal);
    }
}
