using Perf.Seed.Cli;

namespace Perf.Tests.Seed;

/// <summary>The parts <c>bench-load</c> prints beside plain LOAD DATA's median total add up to it.</summary>
public sealed class BulkLoadBenchmarkTests
{
    [Fact]
    public void MedianRunParts_OddCount_AreTheMedianRunsOwn()
    {
        // Totals 40, 44 and 50 s: each part's own median (31 s load, 10 s index) would print 44.0 as 31.0 + 10.0.
        var (load, index) = BulkLoadBenchmark.MedianRunParts([(30, 10), (31, 13), (40, 10)]);

        Assert.Equal(31, load);
        Assert.Equal(13, index);
    }

    [Fact]
    public void MedianRunParts_EvenCount_AreTheTwoMiddleRunsMeansAndAddUpToTheMedianTotal()
    {
        (double Load, double Index)[] runs = [(30, 10), (31, 13), (40, 10), (20, 40)];

        var (load, index) = BulkLoadBenchmark.MedianRunParts(runs);

        Assert.Equal(35.5, load);
        Assert.Equal(11.5, index);
        Assert.Equal(Perf.Analysis.Gates.TimingComparer.Median([.. runs.Select(r => r.Load + r.Index)]), load + index);
    }
}
