using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

public sealed class CacheStateAnalysisTests
{
    private const long Pool = 256L << 20;

    [Fact]
    public void Stand_P95IntervalAboveTarget_OverWithTheQueryAndInterval()
    {
        var row = Stand(Measured(1, capacity: null, ("fast", 20), ("slow", 700)));

        Assert.Equal(TargetStanding.Over, row.Standing);
        Assert.Equal("slow", row.Deciding.Query);
        Assert.Contains("p95", row.Reason, StringComparison.Ordinal);
        Assert.Contains("Holm over the report's 4 target calls", row.Reason, StringComparison.Ordinal);
        Assert.Contains("500 ms", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stand_BelowTargetsWithoutCapacity_UndecidedBecauseP99NeedsMoreSamples()
    {
        // 72 samples bound p95, not p99 (368): nothing can say the p99 target holds.
        var row = Stand(Measured(1, capacity: null, ("a", 30), ("b", 90)));

        Assert.Equal(TargetStanding.Undecided, row.Standing);
        Assert.Equal("b", row.Deciding.Query);
    }

    [Fact]
    public void Stand_SlowestBoundedUnderButAFasterQueryNot_UndecidedNamesTheFasterOne()
    {
        // 400 executions bound the slow query's p99 (368 needed) under 1 s; 72 of the fast one bound its p95 only.
        var slow = QueryMeasurement.FromRounds("slow", SampleCapacityData.Spread(90).Concat(SampleCapacityData.Spread(90, 3)).Concat(SampleCapacityData.Spread(90, 5)).Concat(SampleCapacityData.Spread(90, 7)).Concat(SampleCapacityData.Spread(90, 11)).Concat(SampleCapacityData.Spread(90, 13)).ToList(), new ExactWork(100, 5, 0, null, false, false, "range on idx"), ["idx"]) with { ServedByApi = true };
        var measurement = Measured(1, capacity: null, ("fast", 30));
        measurement = measurement with { Queries = [measurement.Queries[0], slow] };

        var row = Stand(measurement);

        Assert.True(slow.Estimate(99).IsUnder(1000));
        Assert.Equal(TargetStanding.Undecided, row.Standing);
        Assert.Equal("fast", row.Deciding.Query);
        Assert.StartsWith("`fast` p95 ", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_ColdRowDecidedByAFasterQueryOverItsP95_TheSlowestFirstExecutionIsTheSlowest()
    {
        // Cold: `steady` runs 450 ms every time; `spiky` runs 300 ms but 10 of its 72 executions take 1.5 s, which puts its
        // p95 over 500 ms and decides the row, though `steady` is the slower at the median.
        var spiky = QueryMeasurement.FromRounds("spiky", [.. SampleCapacityData.Spread(300).Select((r, i) => (IReadOnlyList<double>)[.. r.Select((ms, j) => (i * r.Count) + j < 10 ? 1500 : ms)])], new ExactWork(100, 5, 0, null, false, false, "range on idx"), ["idx"]) with { ServedByApi = true };
        var cold = Measured(1, capacity: null, ("steady", 450), state: CacheState.Cold);
        cold = cold with { Queries = [cold.Queries[0], spiky] };
        var data = new CapacityData([Measured(1, 120, ("steady", 10), state: CacheState.Warm)], LatencyTargets.Default) { CacheStates = [cold] };

        var row = Stand(cold);
        var finding = Assert.Single(Findings(data));

        Assert.Equal(("spiky", TargetStanding.Over), (row.Deciding.Query, row.Standing));
        Assert.Contains(" the slowest first execution is `steady` at p50 4", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Stand_OnlyTheFullScanOverTarget_NotJudgedOnIt()
    {
        var row = Stand(Measured(1, capacity: 30, ("full_scan", 1200), ("q", 20)));

        Assert.Equal(TargetStanding.Within, row.Standing);
        Assert.Equal("q", row.Deciding.Query);
    }

    [Fact]
    public void Stand_QueryPastTheCommandTimeout_OverWhateverTheCapacity()
    {
        var measurement = Measured(40, capacity: 30, ("q", 20), ("slow", 30_000));
        measurement = measurement with { Queries = [measurement.Queries[0], measurement.Queries[1] with { TimedOut = true }] };

        var row = Stand(measurement);

        Assert.Equal(TargetStanding.Over, row.Standing);
        Assert.Equal("slow", row.Deciding.Query);
        Assert.Contains("command timeout", row.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(40, TargetStanding.Within)]
    [InlineData(0, TargetStanding.Over)]
    public void Stand_CapacitySearchDecides(double capacity, TargetStanding expected) =>
        Assert.Equal(expected, Stand(Measured(1, capacity, ("a", 30))).Standing);

    [Fact]
    public void Stand_CapacityWithItsTrafficsPages_ReasonGivesTheTrafficsHitRatio()
    {
        // The query cases' pages (1000 requests, 10 from disk) are not the capacity traffic's: its own counters say how much of it the pool served.
        var measurement = Measured(40, capacity: 120, ("q", 20)) with { CapacityPages = new PageCounts(200_000, 50_000, 1_000) };

        var row = Stand(measurement);

        Assert.Equal(TargetStanding.Within, row.Standing);
        Assert.Equal("the load runner met p95 and p99 at 120 req/s (traffic: hit ratio 75 %, 50 disk reads/request)", row.Reason);
    }

    [Fact]
    public void Findings_KneeBetweenTheLastWithinAndTheFirstOver()
    {
        var data = new CapacityData([Measured(0.5, 120, ("q", 10), state: CacheState.Warm)], LatencyTargets.Default)
        {
            CacheStates = [Measured(4, 60, ("q", 40)), Measured(40, 0, ("q", 300))],
        };

        var finding = Assert.Single(Findings(data));

        Assert.StartsWith("Composite: within the targets up to data 4.0× memory", finding, StringComparison.Ordinal);
        Assert.Contains("leaves them at data 40× memory", finding, StringComparison.Ordinal);
        Assert.Contains("lowest rate already missed", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_OverAtALargerSizeWhoseDataFitsInThePool_TheSizeNotMemoryTookItOver()
    {
        // Warm, one pool: within at 0.19× memory, over at 0.61× (a larger size, still in memory), as a sweep over sizes gives.
        var data = new CapacityData([Measured(0.19, 120, ("q", 10), state: CacheState.Warm), Measured(0.61, 0, ("q", 300), state: CacheState.Warm)], LatencyTargets.Default);

        var finding = Assert.Single(Findings(data));

        Assert.Contains("leaves them at data 0.61× memory", finding, StringComparison.Ordinal);
        Assert.Contains(" trade rows, so that step is not memory's alone: at 0.61× the data fits in the pool, so the size, not memory, took it over.", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_LargestSizeUnderSeveralPools_GivesItsCapacityAtEachRatio()
    {
        // 8 GiB of data: 4× a 2 GiB pool, 32× 256 MiB, 256× 32 MiB. The 1M-row search (another size, whose own work differs) stays out.
        var data = new CapacityData([AtPool(2048, 580, CacheState.Warm, lowerBound: true), AtPool(64, 300, CacheState.Warm, tradeRows: 1_000_000)], LatencyTargets.Default)
        {
            CacheStates = [AtPool(32, 140), AtPool(16, 0), AtPool(256, 540)],
        };

        var finding = Assert.Single(Findings(data));

        Assert.Contains(
            " As the same 10M trade rows outgrow the pool, the highest rate meeting p95 and p99 goes ≥ 580 req/s at 4.0× (2 GiB pool) → 540 req/s at 32× (256 MiB pool) → 140 req/s at 256× (32 MiB pool) → no rate at 512× (16 MiB pool).",
            finding,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(600, true, 280, "From the largest pool to the smallest it falls at least 2.1× (one search per pool")]
    [InlineData(480, false, 280, "From the largest pool to the smallest it falls 1.7× (one search per pool")]
    [InlineData(400, false, 280, "From the largest pool to the smallest that is 1.4×: one search per pool, and repeated searches of one system have read 1.5× apart here, so these searches do not show a fall.")]
    [InlineData(400, false, 0, "the fall to no rate under the smallest pool is shown; steps closer than 1.5× are not differences.")]
    public void Findings_SeveralPools_ClaimAFallOnlyBeyondTheSpreadOfRepeatedSearches(double largestPool, bool lowerBound, double smallestPool, string expected)
    {
        var data = new CapacityData([AtPool(2048, largestPool, CacheState.Warm, lowerBound: lowerBound)], LatencyTargets.Default)
        {
            CacheStates = [AtPool(256, 520), AtPool(32, smallestPool)],
        };

        Assert.Contains(expected, Assert.Single(Findings(data)), StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_SmallestPoolsSearchMissedNoStep_NoFallIsRead()
    {
        // The smallest pool's search stopped on a step its generator could not keep: its 320 is a lower bound, as the largest's 520.
        var data = new CapacityData([AtPool(2048, 520, CacheState.Warm, lowerBound: true)], LatencyTargets.Default)
        {
            CacheStates = [AtPool(256, 400), AtPool(32, 320, lowerBound: true)],
        };

        var finding = Assert.Single(Findings(data));

        Assert.Contains("The smallest pool's search missed no step (≥ 320 req/s), so no fall from the largest can be read.", finding, StringComparison.Ordinal);
        Assert.DoesNotContain("falls", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_NoRateUnderAnyPool_SaysSoOnce()
    {
        var data = new CapacityData([AtPool(2048, 0, CacheState.Warm)], LatencyTargets.Default)
        {
            CacheStates = [AtPool(256, 0), AtPool(32, 0)],
        };

        var finding = Assert.Single(Findings(data));

        Assert.Contains(" At the same 10M trade rows no rate met p95 and p99 under any pool (2 GiB down to 32 MiB, data 4.0× to 256× the pool).", finding, StringComparison.Ordinal);
        Assert.DoesNotContain("outgrow the pool", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_OnePoolAtTheLargestSize_NoCapacityByPool()
    {
        var data = new CapacityData([AtPool(2048, 580, CacheState.Warm, tradeRows: 1_000_000)], LatencyTargets.Default)
        {
            CacheStates = [AtPool(256, 540)],
        };

        Assert.DoesNotContain("outgrow the pool", Assert.Single(Findings(data)), StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Findings(CapacityData data) => CacheStateAnalysis.Findings(CacheStateAnalysis.Table(data, TargetTests.Of(data)));

    private static CacheStateRow Stand(VariantMeasurement measurement) => CacheStateAnalysis.Stand(measurement, TargetTests.Of(measurement.Queries, LatencyTargets.Default));

    private static VariantMeasurement AtPool(long poolMiB, double capacity, CacheState state = CacheState.Constrained, long tradeRows = 10_000_000, bool lowerBound = false)
    {
        const long Data = 8L << 30;
        var queries = new[] { SampleCapacityData.Query("q", 20, 100) with { Pages = new PageCounts(1000, 10, 72), ServedByApi = true } };
        return new VariantMeasurement(SchemaVariant.Composite, tradeRows, 1, Data / 2, Data / 2, capacity, queries, [])
        {
            CapacityIsLowerBound = lowerBound,
            Cache = new CacheCondition(state, poolMiB << 20, "O_DIRECT", true),
        };
    }

    private static VariantMeasurement Measured(double dataToPool, double? capacity, (string Name, double Ms) first, (string Name, double Ms)? second = null, CacheState state = CacheState.Constrained)
    {
        var bytes = (long)(dataToPool * Pool);
        var queries = new[] { first }.Concat(second is { } s ? [s] : []).Select(q => SampleCapacityData.Query(q.Name, q.Ms, 100) with { Pages = new PageCounts(1000, 10, 72), ServedByApi = q.Name != "full_scan" }).ToList();
        return new VariantMeasurement(SchemaVariant.Composite, (long)(dataToPool * 1_000_000), 1, bytes / 2, bytes - (bytes / 2), capacity, queries, [])
        {
            Cache = new CacheCondition(state, Pool, "O_DIRECT", true),
        };
    }
}
