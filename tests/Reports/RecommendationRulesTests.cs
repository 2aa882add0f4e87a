using Perf.Harness.Reports;

namespace Perf.Tests.Reports;

public sealed class RecommendationRulesTests
{
    private static readonly CapacityAnalysis Analysis = CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1)));

    [Fact]
    public void Derive_PartitionedFasterFrom1M_PaysOffFromThatSize()
    {
        // Composite/Partitioned p99: 20/18 = 1.1 (no), 80/40 = 2 (yes), 400/45 = 8.9 (yes).
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "partitioning-pays-off" && r.Text.Contains("trades_30d", StringComparison.Ordinal)).Text;

        Assert.Contains("from ~1M trade rows", text, StringComparison.Ordinal);
        Assert.Contains("p99 45.0 ms vs 400 ms on Composite at 10M rows, median 15.0 ms vs 133 ms (p99 8.9× lower)", text, StringComparison.Ordinal);
        Assert.Contains("reading 1k rows instead of 100k", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_EqualLatency_NoDifferenceLine()
    {
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "partitioning-pays-off" && r.Text.Contains("no difference", StringComparison.Ordinal)).Text;

        Assert.Contains("in both p99 and median (and 1 ms) for `summary_7d` up to 10M rows", text, StringComparison.Ordinal);
    }

    [Fact]
    public void VariantPaysOff_SlowP99ButEqualMedian_IsNoise()
    {
        // One slow sample makes Partitioned's p99 8× Composite's, but the medians are equal: no cost is claimed.
        var data = SampleCapacityData.Create();
        var noisy = data with
        {
            Measurements = [.. data.Measurements.Select(m => m.Variant == Telemetry.Data.Schema.SchemaVariant.Partitioned
                ? m with { Queries = [.. m.Queries.Select(q => q.Query == "summary_7d" ? q with { P99Ms = 32 } : q)] }
                : m)],
        };

        var recommendations = RecommendationRules.VariantPaysOff(noisy, Telemetry.Data.Schema.SchemaVariant.Partitioned, Telemetry.Data.Schema.SchemaVariant.Composite, "partitioning-pays-off", "Partitioning").ToList();

        Assert.DoesNotContain(recommendations, r => r.Text.Contains("costs `summary_7d`", StringComparison.Ordinal));
        Assert.Contains(recommendations, r => r.Text.Contains("no difference", StringComparison.Ordinal) && r.Text.Contains("`summary_7d`", StringComparison.Ordinal));
    }

    [Fact]
    public void Derive_IndexNoPlanUsed_UnusedWithItsCost()
    {
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "unused-index").Text;

        Assert.StartsWith("`idx_trades_exit_reason` on `dd_trade_performance` costs 190.7 MiB (20 B per trade row) on Composite at 10M rows", text, StringComparison.Ordinal);
        Assert.Contains("Partitioned", text, StringComparison.Ordinal);
        Assert.Contains(Analysis.Recommendations, r => r.Rule == "index-earns-its-cost" && r.Text.Contains("`idx_trades_profile_time`", StringComparison.Ordinal) && r.Text.Contains("`trades_30d`, `summary_7d`", StringComparison.Ordinal));
    }

    [Fact]
    public void Derive_BasicOverTargetAt10M_TargetMissed()
    {
        // Basic p99 at 10M = 5 + 1200 = 1205 ms; p95 = 964 ms.
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "target-missed").Text;

        Assert.Equal("`trades_30d` on Basic misses the target from 10M rows: p95 964 ms, p99 1205 ms (targets 500 ms / 1000 ms).", text);
    }

    [Fact]
    public void Derive_Capacity_NamesTheBestVariantWithRatios()
    {
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "capacity").Text;

        Assert.StartsWith("At 10M rows Partitioned sustains the most load within p95/p99 targets: 80000 req/s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Capacity_BestAtTheSearchCeiling_SaysAtLeastAndItsRatiosAreLowerBounds()
    {
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant == Telemetry.Data.Schema.SchemaVariant.Partitioned ? m with { CapacityIsLowerBound = true } : m)] };

        var text = Assert.Single(RecommendationRules.Capacity(data)).Text;

        Assert.StartsWith("At 10M rows Partitioned sustains the most load within p95/p99 targets: at least 80000 req/s (no step of the search failed; raise its maximum rate), ≥ ", text, StringComparison.Ordinal);
        Assert.Equal("≥ 80000 (every step passed; the search's ceiling)", CapacityReportBuilder.CapacityText(data.Measurements.First(m => m.CapacityIsLowerBound)));
    }

    [Fact]
    public void Capacity_TwoVariantsAtTheCeiling_NoRatioBetweenThem()
    {
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(m => m with { CapacityRps = 300, CapacityIsLowerBound = true })] };

        var text = Assert.Single(RecommendationRules.Capacity(data)).Text;

        Assert.DoesNotContain("the most load", text, StringComparison.Ordinal);
        Assert.DoesNotContain("×", text, StringComparison.Ordinal);
        Assert.Contains("also passed every step (≥ 300)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_Headroom_BasicReachesTargetWithinHorizon()
    {
        // Basic fit is linear 5 + 1.2e-4·rows: 1000 ms at 8,291,667 rows; 20,000 rows/day → day 415.
        var basic = Assert.Single(Analysis.Headroom, h => h.Variant == Telemetry.Data.Schema.SchemaVariant.Basic && h.Query == "trades_30d");
        Assert.Equal(GrowthModel.Linear, basic.Fit.Model);
        Assert.Equal(HeadroomStatus.ReachedWithinHorizon, basic.Status);
        Assert.Equal(new DateOnly(2026, 1, 1).AddDays(415), basic.DateAtTarget);

        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "headroom").Text;
        Assert.Contains("Basic (linear fit) reaches p99 1000 ms at ~8.29M rows, around 2027-02-20", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_Storage_ComparesBytesPerRow()
    {
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "storage" && r.Text.StartsWith("Composite", StringComparison.Ordinal)).Text;

        Assert.StartsWith("Composite stores 180 B per trade row (120 data + 60 index), 1", text, StringComparison.Ordinal);
        Assert.EndsWith("% more than Basic's 160 B.", text, StringComparison.Ordinal);
    }
}
