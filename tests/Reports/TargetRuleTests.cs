using Perf.Analysis.Capacity;
using Perf.Harness.Reports;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

public sealed class TargetRuleTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void TargetsHeadroomAndCacheStates_IntervalStraddlesTheTarget_NoneSaysOver()
    {
        // p95 510 ms with an interval around 480–545: the point estimate is over 500 ms, the interval is not.
        var query = Query(p95Ms: 510, examined: 1_000_000);
        var p95 = query.Estimate(95);
        Assert.Equal(510, p95.Value);
        Assert.True(p95.Lower < 500 && p95.Upper >= 500, $"the interval [{p95.Lower}–{p95.Upper}] must straddle 500 ms");

        var data = new CapacityData([Measurement(10_000_000, query)], LatencyTargets.Default);
        var miss = Assert.Single(RecommendationRules.TargetMisses(data, TargetTests.Of(data)));
        var projection = CapacityProjector.Latency(LinearWork(), 10_000_000, query, SampleCapacityData.Alone(query), new GrowthAssumptions(100, 50, 3, Start));
        var standing = CacheStateAnalysis.Stand(data.Measurements[0], TargetTests.Of(data.Measurements[0].Queries, LatencyTargets.Default));

        Assert.False(p95.IsOver(500));
        Assert.False(p95.IsUnder(500));
        Assert.StartsWith("`trades_30d` on Composite may be over the target from 10M rows", miss.Text, StringComparison.Ordinal);
        Assert.NotEqual(HeadroomStatus.AlreadyOver, projection.Status);
        Assert.NotEqual(TargetStanding.Over, standing.Standing);
    }

    [Fact]
    public void TargetsHeadroomAndCacheStates_IntervalAtOrOverTheTarget_AllSayOver()
    {
        var query = Query(p95Ms: 540, examined: 1_000_000);
        Assert.True(query.Estimate(95).Lower >= 500);

        var data = new CapacityData([Measurement(10_000_000, query)], LatencyTargets.Default);

        Assert.StartsWith("`trades_30d` on Composite is over the target from 10M rows", Assert.Single(RecommendationRules.TargetMisses(data, TargetTests.Of(data))).Text, StringComparison.Ordinal);
        Assert.Equal(HeadroomStatus.AlreadyOver, CapacityProjector.Latency(LinearWork(), 10_000_000, query, SampleCapacityData.Alone(query), new GrowthAssumptions(100, 50, 3, Start)).Status);
        Assert.Equal(TargetStanding.Over, CacheStateAnalysis.Stand(data.Measurements[0], TargetTests.Of(data.Measurements[0].Queries, LatencyTargets.Default)).Standing);
    }

    [Fact]
    public void Headroom_BandAtTheHorizonStraddlesTheTarget_NeverSaysStaysUnder()
    {
        // 100 profiles × 50 trades/day × 3 years = 5.48M rows at the horizon, under the 10M measured: the band there is the
        // measured one, p95 480 ms [~450–~515], whose upper end is over 500 ms.
        var query = Query(p95Ms: 480, examined: 1_000_000);
        var p95 = query.Estimate(95);
        Assert.True(p95.Lower < 500 && p95.Upper >= 500, $"the interval [{p95.Lower}–{p95.Upper}] must straddle 500 ms");
        var assumptions = new GrowthAssumptions(100, 50, 3, Start);

        var projection = CapacityProjector.Latency(LinearWork(), 10_000_000, query, SampleCapacityData.Alone(query), assumptions);
        var text = Assert.Single(RecommendationRules.Headroom([projection], assumptions), r => r.Text.Contains("`trades_30d`", StringComparison.Ordinal)).Text;

        Assert.Equal(HeadroomStatus.MayBeOver, projection.Status);
        Assert.True(projection.AtHorizonUpperMs >= 500);
        Assert.DoesNotContain("stays under", text, StringComparison.Ordinal);
        // The reader's data starts empty: "already" would be their today, and they do not store 10M rows yet.
        Assert.Contains("may be over p95 500 ms at the size measured: ", text, StringComparison.Ordinal);
        var storedToday = new GrowthAssumptions(100, 50, 3, Start, StartRows: 10_000_000);
        Assert.Contains("may be over p95 500 ms already: ", Assert.Single(RecommendationRules.Headroom([projection], storedToday)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OverPValue_AtMostTwoAndAHalfPercent_ExactlyWhenTheLowerBoundReachesTheLimit()
    {
        var random = new Random(17);
        for (var i = 0; i < 2000; i++)
        {
            var n = random.Next(1, 400);
            var samples = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 100)).ToList();
            var percentile = new[] { 50.0, 95, 99 }[random.Next(3)];
            var limit = Math.Round(random.NextDouble() * 110);

            var p = OrderStatistics.OverPValue(samples, percentile, limit);

            Assert.True((p <= TargetTests.DefaultAlpha) == OrderStatistics.Estimate(samples, percentile).IsOver(limit), $"n {n}, p{percentile} against {limit}: p-value {p}");
        }
    }

    [Theory]
    [InlineData(new[] { 0.02, 0.001, 0.011 }, 0.02)] // 0.001 ≤ α/3, 0.011 ≤ α/2, 0.02 ≤ α: all three (Bonferroni, α/3, takes one)
    [InlineData(new[] { 0.001, 0.013, 0.02 }, 0.001)] // 0.013 > α/2 stops the step-down: 0.02 is not rejected either
    [InlineData(new[] { 0.03 }, -1)]
    [InlineData(new double[0], -1)]
    public void Holm_StepsDownFromTheSmallest(double[] pValues, double cut) =>
        Assert.Equal(cut, Holm.Cut(pValues, 0.025));

    [Fact]
    public void Family_MarginalMiss_OverAloneButNotBesideOtherCalls_WhileAClearMissStaysOver()
    {
        // 18 of 200 executions over 500 ms: p95's lower bound reaches the target (P(K ≤ 182) = 0.0121 for K ~ Bin(200, 0.95)).
        var marginal = Query("trades_30d", under: 182);
        Assert.True(marginal.Estimate(95).IsOver(500));

        var alone = TargetTests.Of([marginal], LatencyTargets.Default);
        var beside = TargetTests.Of([marginal, Query("trades_1d", under: 200)], LatencyTargets.Default);
        var clear = Query("trades_7d", under: 0);
        var withClearMiss = TargetTests.Of([marginal, clear, Query("trades_1d", under: 200)], LatencyTargets.Default);

        Assert.Equal(0.0121, alone.PValue(marginal, 95), 4);
        Assert.True(alone.IsOver(marginal, 95), "two calls: 0.0121 ≤ 0.025 / 2");
        Assert.Equal(4, beside.Count);
        Assert.False(beside.IsOver(marginal, 95), "four calls: 0.0121 > 0.025 / 4");
        Assert.True(beside.IsOverAlone(marginal, 95));
        Assert.True(withClearMiss.IsOver(clear, 95));
        Assert.False(withClearMiss.IsOver(clear, 99), "600–800 ms is under the p99 target");
        Assert.False(withClearMiss.IsOver(marginal, 95), "with the clear misses rejected first, 0.0121 > 0.025 / 4");
        Assert.Throws<ArgumentException>(() => alone.IsOver(clear, 95));
    }

    [Fact]
    public void Family_ManyQueriesJustUnderTheTarget_CallsNoneOverWhereEachAloneCallsSome()
    {
        // 1,000 queries of 72 executions each, 4.5 % of every query's executions over 500 ms: every true p95 is under the
        // target. Alone, each lower bound reaches it with a chance near 0.5 %, so a report this large calls a few over.
        var random = new Random(42);
        var queries = Enumerable.Range(0, 1000).Select(i =>
        {
            IReadOnlyList<IReadOnlyList<double>> rounds = [.. Enumerable.Range(0, 8).Select(_ => (IReadOnlyList<double>)[.. Enumerable.Range(0, 9).Select(_ => random.NextDouble() < 0.045 ? 600 + random.NextDouble() * 100 : 100 + random.NextDouble() * 300)])];
            return QueryMeasurement.FromRounds($"q{i}", rounds, new ExactWork(100, 10, 0, null, false, false, "ref"), ["idx"]);
        }).ToList();

        var tests = TargetTests.Of(queries, LatencyTargets.Default);
        var alone = queries.Count(q => q.Estimate(95).IsOver(500));

        Assert.True(alone >= 2, $"{alone} called over alone");
        Assert.DoesNotContain(queries, q => tests.IsOver(q, 95));
        Assert.Equal(alone, queries.Count(q => tests.IsOverAlone(q, 95)));
    }

    [Fact]
    public void Report_MarginalMissBesideOtherQueries_MayBeOverNotOver_InTargetsHeadroomAndCacheStates()
    {
        var marginal = Query("trades_30d", under: 182);
        var measurement = new VariantMeasurement(SchemaVariant.Composite, 10_000_000, 1, 1_000_000, 1_000_000, null, [marginal, Query("trades_1d", under: 200)], [])
        {
            Cache = new CacheCondition(CacheState.Warm, 1L << 30, "O_DIRECT", true),
        };
        var data = new CapacityData([measurement], LatencyTargets.Default);
        var tests = TargetTests.Of(data);

        var miss = Assert.Single(RecommendationRules.TargetMisses(data, TargetTests.Of(data)));
        var row = CacheStateAnalysis.Stand(measurement, tests);
        var projection = CapacityProjector.Latency(LinearWork(), 10_000_000, marginal, tests, new GrowthAssumptions(100, 50, 3, Start));

        Assert.StartsWith("`trades_30d` on Composite may be over the target from 10M rows (its p95's lower bound reaches the target alone; p = 0.012: not over after Holm over the report's 4 target calls", miss.Text, StringComparison.Ordinal);
        Assert.Equal(TargetStanding.Undecided, row.Standing);
        Assert.Contains("by its lower bound alone", row.Reason, StringComparison.Ordinal);
        Assert.NotEqual(HeadroomStatus.AlreadyOver, projection.Status);
        Assert.Contains(CapacityReportBuilder.Build(CapacityAnalysis.Analyze(data, null)).Blocks.OfType<ReportParagraph>(), p => p.Text.Contains("Holm's correction over every such call in the report (4 calls, α 0.025)", StringComparison.Ordinal));
    }

    /// <summary>200 executions, <paramref name="under"/> of them at 100–300 ms and the rest at 600–800 ms (over the p95 target, under the p99 one).</summary>
    private static QueryMeasurement Query(string name, int under)
    {
        var values = Enumerable.Range(0, 200).Select(i => i < under ? 100 + i : 600 + i).ToArray();
        IReadOnlyList<IReadOnlyList<double>> rounds = [.. Enumerable.Range(0, 10).Select(round => (IReadOnlyList<double>)[.. Enumerable.Range(0, 20).Select(i => (double)values[(i * 10) + round])])];
        return QueryMeasurement.FromRounds(name, rounds, new ExactWork(1_000_000, 20_000, 0, null, false, false, "range on idx_trades_profile_time"), ["idx_trades_profile_time"]);
    }

    /// <summary>200 executions whose nearest-rank p95 (the 190th) is <paramref name="p95Ms"/>, 5 ms apart around it.</summary>
    private static QueryMeasurement Query(double p95Ms, long examined)
    {
        var values = Enumerable.Range(1, 200).Select(r => Math.Max(1, p95Ms + (5.0 * (r - 190)))).ToArray();
        IReadOnlyList<IReadOnlyList<double>> rounds = [.. Enumerable.Range(0, 10).Select(round => (IReadOnlyList<double>)[.. Enumerable.Range(0, 20).Select(i => values[(i * 10) + round])])];
        return QueryMeasurement.FromRounds("trades_30d", rounds, new ExactWork(examined, examined / 50, 0, null, false, false, "range on idx_trades_profile_time"), ["idx_trades_profile_time"]);
    }

    private static VariantMeasurement Measurement(long rows, QueryMeasurement query) =>
        new(SchemaVariant.Composite, rows, 1, 1_000_000, 1_000_000, null, [query], []);

    private static WorkGrowth LinearWork()
    {
        List<(double Rows, double Value)> points = [(2_500_000, 250_000), (5_000_000, 500_000), (10_000_000, 1_000_000)];
        var selection = GrowthFitter.Fit(points);
        var interval = GrowthFitter.SlopeInterval(points, selection.Best);
        return new WorkGrowth(SchemaVariant.Composite, "trades_30d", selection, null, interval?.Lower, interval?.Upper);
    }
}
