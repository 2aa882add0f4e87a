using Perf.Analysis.Capacity;
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
        var miss = Assert.Single(RecommendationRules.TargetMisses(data));
        var projection = CapacityProjector.Latency(LinearWork(), 10_000_000, query, LatencyTargets.Default, new GrowthAssumptions(100, 50, 3, Start));
        var standing = CacheStateAnalysis.Stand(data.Measurements[0], LatencyTargets.Default);

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

        Assert.StartsWith("`trades_30d` on Composite is over the target from 10M rows", Assert.Single(RecommendationRules.TargetMisses(data)).Text, StringComparison.Ordinal);
        Assert.Equal(HeadroomStatus.AlreadyOver, CapacityProjector.Latency(LinearWork(), 10_000_000, query, LatencyTargets.Default, new GrowthAssumptions(100, 50, 3, Start)).Status);
        Assert.Equal(TargetStanding.Over, CacheStateAnalysis.Stand(data.Measurements[0], LatencyTargets.Default).Standing);
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

        var projection = CapacityProjector.Latency(LinearWork(), 10_000_000, query, LatencyTargets.Default, assumptions);
        var text = Assert.Single(RecommendationRules.Headroom([projection], assumptions), r => r.Text.Contains("`trades_30d`", StringComparison.Ordinal)).Text;

        Assert.Equal(HeadroomStatus.MayBeOver, projection.Status);
        Assert.True(projection.AtHorizonUpperMs >= 500);
        Assert.DoesNotContain("stays under", text, StringComparison.Ordinal);
        // The reader's data starts empty: "already" would be their today, and they do not store 10M rows yet.
        Assert.Contains("may be over p95 500 ms at the size measured: ", text, StringComparison.Ordinal);
        var storedToday = new GrowthAssumptions(100, 50, 3, Start, StartRows: 10_000_000);
        Assert.Contains("may be over p95 500 ms already: ", Assert.Single(RecommendationRules.Headroom([projection], storedToday)).Text, StringComparison.Ordinal);
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
