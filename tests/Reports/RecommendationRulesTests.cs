using System.Text.RegularExpressions;
using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

public sealed class RecommendationRulesTests
{
    private static readonly CapacityAnalysis Analysis = CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1)));

    [Fact]
    public void Derive_PartitionedReadsLessFrom1M_PaysOffFromThatSizeCitingWork()
    {
        // Rows examined Partitioned/Composite: 1,000/1,000 (same work, 18 vs 20 ms: 1.1×, no claim), 1,000/10,000, 1,000/100,000.
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "partitioning-pays-off" && r.Text.Contains("trades_30d", StringComparison.Ordinal)).Text;

        Assert.Contains("pays off for `trades_30d` from ~1M trade rows", text, StringComparison.Ordinal);
        Assert.Contains("Partitioned examines 1000 rows vs 100000 on Composite, 23 vs 2003 pages (exact)", text, StringComparison.Ordinal);
        Assert.Contains("median 45.0 ms [", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_SameWorkSimilarTimings_SamePlanNoMeasurableDifference()
    {
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "partitioning-pays-off" && r.Text.Contains("same plan", StringComparison.Ordinal)).Text;

        Assert.StartsWith("Partitioning: same plan, no measurable difference for `summary_7d` up to 10M rows", text, StringComparison.Ordinal);
    }

    [Fact]
    public void VariantPaysOff_OneStallOnSameWork_NoClaim()
    {
        // The issue's trades_page/hot/1d: both variants read the same 337 rows; one 50 ms stall made one p99 18× the other.
        var composite = SampleCapacityData.Query("trades_page/hot/1d", 2.7, 337);
        var stalled = composite.RoundsMs.Select((r, i) => i == 3 ? (IReadOnlyList<double>)[.. r.Take(5), 50.2] : r).ToList();
        var partitioned = QueryMeasurement.FromRounds(composite.Query, stalled, composite.Work!, composite.IndexesUsed);
        var data = new CapacityData(
            [new VariantMeasurement(SchemaVariant.Composite, 50_000, 1, 1, 1, null, [composite], []), new VariantMeasurement(SchemaVariant.Partitioned, 50_000, 1, 1, 1, null, [partitioned], [])],
            LatencyTargets.Default);

        var analysis = CapacityAnalysis.Analyze(data, null);

        Assert.Equal(50.2, partitioned.P99Ms);
        var comparison = Assert.Single(analysis.Comparisons);
        Assert.Equal(DifferenceKind.SamePlanNoDifference, comparison.Result.Kind);
        Assert.DoesNotContain(analysis.Recommendations, r => r.Text.Contains("costs", StringComparison.Ordinal));
    }

    [Fact]
    public void VariantPaysOff_SameWorkConsistentlyTwiceAsSlow_TimingClaimWithEvidence()
    {
        var data = new CapacityData(
            [
                new VariantMeasurement(SchemaVariant.Composite, 50_000, 1, 1, 1, null, [SampleCapacityData.Query("q", 10, 337)], []),
                new VariantMeasurement(SchemaVariant.Partitioned, 50_000, 1, 1, 1, null, [SampleCapacityData.Query("q", 20, 337)], []),
            ],
            LatencyTargets.Default);

        var text = Assert.Single(CapacityAnalysis.Analyze(data, null).Recommendations, r => r.Rule == "partitioning-pays-off").Text;

        Assert.StartsWith("Partitioning costs time (same work, slower) for `q` at 50k trade rows (the one size measured)", text, StringComparison.Ordinal);
        Assert.Contains("p < 0.0001", text, StringComparison.Ordinal);
        Assert.Contains("2.0× slower", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 1_000, 5, 10, "Partitioning pays off for `q` at 50k trade rows (the one size measured): less work, and faster at 50k rows: Partitioned examines 100 rows vs 1000")]
    [InlineData(100, 1_000, 10, 10, "Partitioning does less work for `q` at 50k trade rows (the one size measured), with no measurable time difference at 50k rows: Partitioned examines 100 rows")]
    [InlineData(100, 1_000, 20, 10, "Partitioning does less work for `q` at 50k trade rows (the one size measured), yet is slower at 50k rows: Partitioned examines 100 rows")]
    [InlineData(1_000, 100, 5, 10, "Partitioning does more work for `q` at 50k trade rows (the one size measured), yet is faster at 50k rows: Partitioned examines 1000 rows")]
    [InlineData(1_000, 100, 20, 10, "Partitioning costs time for `q` at 50k trade rows (the one size measured): more work, and slower at 50k rows: Partitioned examines 1000 rows")]
    public void VariantPaysOff_WorkClaim_SaysWhetherTheTimeAgrees(long partitionedRows, long compositeRows, double partitionedMs, double compositeMs, string expected)
    {
        var data = new CapacityData(
            [
                new VariantMeasurement(SchemaVariant.Composite, 50_000, 1, 1, 1, null, [SampleCapacityData.Query("q", compositeMs, compositeRows)], []),
                new VariantMeasurement(SchemaVariant.Partitioned, 50_000, 1, 1, 1, null, [SampleCapacityData.Query("q", partitionedMs, partitionedRows)], []),
            ],
            LatencyTargets.Default);

        var text = Assert.Single(CapacityAnalysis.Analyze(data, null).Recommendations, r => r.Rule == "partitioning-pays-off").Text;

        Assert.StartsWith(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void AaCheck_IndependentlyDrawnCopy_PassesWithNoClaimAndNothingSignificant()
    {
        var analysis = CapacityAnalysis.Analyze(AaData(shift: 1), null);

        Assert.Equal(6, analysis.AaCheck.Count);
        Assert.DoesNotContain(analysis.AaCheck, c => c.Result.IsClaim);
        // Drawn from the same distribution as Composite's own samples: no p-value falls below its share of α.
        Assert.All(analysis.AaCheck, c => Assert.True(c.Result.PValue >= c.Result.Alpha, $"`{c.Query}` at {c.TradeRows}: p {c.Result.PValue} < α {c.Result.Alpha}"));
        Assert.StartsWith("A/A check passed: Composite against its identical copy", Assert.Single(analysis.Recommendations, r => r.Rule == "aa-check").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AaCheck_CopyOneAndAHalfTimesSlower_ClaimedAndFails()
    {
        var analysis = CapacityAnalysis.Analyze(AaData(shift: 1.5), null);

        // Every comparison: same work, the copy's medians 1.5× (≥ 30 ms apart), every round slower.
        Assert.All(analysis.AaCheck, c => Assert.Equal(DifferenceKind.TimingDiffers, c.Result.Kind));
        Assert.All(analysis.AaCheck, c => Assert.False(c.Result.CandidateBetter));
        Assert.StartsWith("A/A check FAILED: Composite against its identical copy (same DDL, same rows), 6 comparisons", Assert.Single(analysis.Recommendations, r => r.Rule == "aa-check").Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The sample data with Composite's queries at medians well above the 1 ms floor (its summary_7d at 60 ms instead of 2),
    /// and a copy of Composite whose every execution is drawn independently (a fixed seed) from ±5 % around the same
    /// typical latency × <paramref name="shift"/>: the same work, other samples.
    /// </summary>
    private static CapacityData AaData(double shift)
    {
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant != SchemaVariant.Composite ? m : m with { Queries = [.. m.Queries.Select(q => q.Query == "summary_7d" ? SampleCapacityData.Query("summary_7d", 60, 500) : q)] })] };
        var random = new Random(20261206);
        var copies = data.For(SchemaVariant.Composite).Select(m => m with
        {
            Queries = [.. m.Queries.Select(q => QueryMeasurement.FromRounds(
                q.Query,
                [.. Enumerable.Range(0, SampleCapacityData.Rounds).Select(_ => (IReadOnlyList<double>)[.. Enumerable.Range(0, SampleCapacityData.Executions).Select(_ => q.P50Ms * shift * (0.95 + (0.1 * random.NextDouble())))])],
                q.Work!,
                q.IndexesUsed))],
        });
        return data with { Copies = [.. copies] };
    }

    [Fact]
    public void AaCheck_TooFewRoundsForAlpha_CouldNotTestRatherThanPassed()
    {
        // 4 rounds a side over 6 comparisons: α 0.0083 each, and the smallest two-sided p is 2 / C(8, 4) = 0.029.
        static VariantMeasurement FourRounds(VariantMeasurement m) => m with { Queries = [.. m.Queries.Select(q => q with { RoundsMs = [.. q.RoundsMs.Take(4)] })] };
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(FourRounds)] };
        data = data with { Copies = [.. data.Measurements.Where(m => m.Variant == SchemaVariant.Composite)] };

        var analysis = CapacityAnalysis.Analyze(data, null);

        var text = Assert.Single(analysis.Recommendations, r => r.Rule == "aa-check").Text;
        Assert.StartsWith("A/A check could not test the timings: Composite against its identical copy", text, StringComparison.Ordinal);
        Assert.Contains("6 of 6 comparisons had 4 rounds a side, too few for any p-value below α", text, StringComparison.Ordinal);
        Assert.Contains("(needs ≥ 5)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AaCheck_CopyReadsDifferentRows_Fails()
    {
        var data = SampleCapacityData.Create();
        var copy = data.For(SchemaVariant.Composite)[^1];
        copy = copy with { Queries = [.. copy.Queries.Select(q => q.Query == "trades_30d" ? q with { RowsExamined = q.RowsExamined * 2, Work = q.Work! with { RowsExamined = q.RowsExamined * 2 } } : q)] };

        var analysis = CapacityAnalysis.Analyze(data with { Copies = [copy] }, null);

        Assert.StartsWith("A/A check FAILED", Assert.Single(analysis.Recommendations, r => r.Rule == "aa-check").Text, StringComparison.Ordinal);
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
    public void Derive_BasicOverTargetAt10M_TargetMissedWithIntervals()
    {
        // Basic's typical latency at 10M is 5 + 1200 = 1205 ms, so its p95 interval is far above 500 ms; its p99 needs 368 samples.
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "target-missed").Text;

        Assert.StartsWith("`trades_30d` on Basic is over the target from 10M rows: p95 1", text, StringComparison.Ordinal);
        Assert.Contains("p99 ≥ 1", text, StringComparison.Ordinal);
        Assert.Contains("(an interval needs ≥ 368 samples: 72)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_Capacity_NamesTheBestVariantWithRatios()
    {
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "capacity").Text;

        Assert.StartsWith("At 10M rows Partitioned sustains the most load within p95/p99 targets: 80000 req/s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Capacity_OnlyOneVariantWithACapacityAtTheLargestSize_RanksNothingAndNamesTheOthers()
    {
        // Basic's and Composite's searches at 10M gave no capacity (INVALID at their lowest rate): Partitioned's 80000 is
        // compared with nothing, yet read "sustains the most load".
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant != SchemaVariant.Partitioned && m.TradeRows == 10_000_000 ? m with { CapacityRps = null } : m)] };

        var text = Assert.Single(RecommendationRules.Capacity(data)).Text;

        Assert.Equal("At 10M rows Partitioned met the p95/p99 targets up to 80000 req/s; Basic, Composite: no capacity measured at that size.", text);
    }

    [Fact]
    public void Capacity_BestAtTheSearchCeiling_SaysAtLeastAndItsRatiosAreLowerBounds()
    {
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant == SchemaVariant.Partitioned ? m with { CapacityIsLowerBound = true } : m)] };

        var text = Assert.Single(RecommendationRules.Capacity(data)).Text;

        Assert.StartsWith("At 10M rows Partitioned sustains the most load within p95/p99 targets: at least 80000 req/s (no step of the search missed the targets: it reached its maximum rate, or a rate its load generator could not keep), ≥ ", text, StringComparison.Ordinal);
        Assert.Equal("≥ 80000 (no step missed the targets: the search's ceiling, or a rate its load generator could not keep)", CapacityReportBuilder.CapacityText(data.Measurements.First(m => m.CapacityIsLowerBound)));
    }

    [Fact]
    public void Capacity_TwoVariantsAtTheCeiling_NoRatioBetweenThem()
    {
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Select(m => m with { CapacityRps = 300, CapacityIsLowerBound = true })] };

        var text = Assert.Single(RecommendationRules.Capacity(data)).Text;

        Assert.DoesNotContain("the most load", text, StringComparison.Ordinal);
        Assert.DoesNotContain("×", text, StringComparison.Ordinal);
        Assert.Contains("'s search also missed no step (≥ 300)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Capacity_WithinTheSpreadOfSingleSearches_NotRanked()
    {
        // The reference run at 10M: Partitioned 480 and Composite 400 req/s, one search each; Basic far below.
        var text = CapacityText(m => m.Variant switch { SchemaVariant.Basic => 100, SchemaVariant.Composite => 400, _ => 480 });

        Assert.Equal("At 10M rows Partitioned met the p95/p99 targets up to 480 req/s, Composite 400 (1.2× apart: one search each, and repeated searches of one system have read 1.5× or more apart here, so not ranked) and 4.8× Basic's 100.", text);
    }

    [Fact]
    public void Capacity_RatioJustUnderTheSpread_PrintedUnderIt()
    {
        // 748 over 500 is 1.496: not ranked, which one decimal printed as "1.5× apart" beside "1.5× or more apart".
        var text = CapacityText(m => m.Variant switch { SchemaVariant.Basic => 100, SchemaVariant.Composite => 500, _ => 748 });

        Assert.Contains("Composite 500 (1.496× apart: one search each, and repeated searches of one system have read 1.5× or more apart here, so not ranked)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Capacity_EveryVariantFailsAtTheLargestSize_SpeaksOfThatSizeNotASmallerOne()
    {
        // Capacities at 1M pass; at 10M every search's lowest rate failed.
        var text = CapacityText(m => m.TradeRows == 10_000_000 ? 0 : 200);

        Assert.Equal("At 10M rows no variant met the targets: Basic, Composite, Partitioned met the p95/p99 targets at no rate (the search's lowest rate failed).", text);
    }

    [Fact]
    public void Capacity_OneVariantFailsAtTheLargestSize_NamedBesideTheOthers()
    {
        var text = CapacityText(m => m.Variant switch { SchemaVariant.Basic => 0, SchemaVariant.Composite => 400, _ => 480 });

        Assert.StartsWith("At 10M rows Partitioned met the p95/p99 targets up to 480 req/s, Composite 400 (1.2× apart", text, StringComparison.Ordinal);
        Assert.EndsWith("; Basic met the p95/p99 targets at no rate (the search's lowest rate failed).", text, StringComparison.Ordinal);
    }

    /// <summary>The capacity rule's one line on the sample data with every measurement's capacity set by <paramref name="capacity"/>.</summary>
    private static string CapacityText(Func<VariantMeasurement, double> capacity)
    {
        var data = SampleCapacityData.Create();
        return Assert.Single(RecommendationRules.Capacity(data with { Measurements = [.. data.Measurements.Select(m => m with { CapacityRps = capacity(m) })] })).Text;
    }

    [Fact]
    public void Derive_Headroom_GrowingWorkGetsADateConstantWorkNever()
    {
        // Composite's rows examined = rows / 100 exactly (linear); its p95 at 10M is ~400 ms with an upper bound under 420.
        var composite = Assert.Single(Analysis.Projections, p => p.Variant == SchemaVariant.Composite && p.Query == "trades_30d");
        Assert.Equal(HeadroomStatus.ReachedWithinHorizon, composite.Status);
        Assert.Equal(95, composite.Percentile);
        Assert.InRange(composite.RowsAtTarget!.Value, 11_500_000, 13_000_000); // 500 / upper × 100k rows examined
        Assert.False(composite.IsExtrapolation);

        var partitioned = Assert.Single(Analysis.Projections, p => p.Variant == SchemaVariant.Partitioned && p.Query == "trades_30d");
        Assert.Equal(HeadroomStatus.NoGrowth, partitioned.Status);
        Assert.Null(partitioned.DateAtTarget);

        var basic = Assert.Single(Analysis.Projections, p => p.Variant == SchemaVariant.Basic && p.Query == "trades_30d");
        Assert.Equal(HeadroomStatus.AlreadyOver, basic.Status);
        Assert.Contains(Analysis.Recommendations, r => r.Rule == "headroom" && r.Text.Contains("`trades_30d` on Composite: may reach p95 500 ms from ~1", StringComparison.Ordinal));
    }

    [Fact]
    public void Headroom_WhichPairsGetALine_RestsOnWorkNotOnTimings()
    {
        var assumptions = new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1));
        var projections = Analysis.Projections;

        // The same data measured on a faster machine: Composite's crossing moves beyond the horizon.
        var faster = projections.Select(p => p.Variant == SchemaVariant.Composite && p.Query == "trades_30d"
            ? p with { Status = HeadroomStatus.BeyondHorizon, RowsAtTarget = null, DateAtTarget = null }
            : p).ToList();

        static List<string> Heads(IEnumerable<Recommendation> lines) => [.. lines.Select(r => r.Text[..r.Text.IndexOf(':', StringComparison.Ordinal)])];
        var slow = RecommendationRules.Headroom(projections, assumptions).ToList();
        var fast = RecommendationRules.Headroom(faster, assumptions).ToList();

        Assert.Equal(Heads(slow), Heads(fast));
        Assert.Contains(fast, r => r.Text.Contains("`trades_30d` on Composite: stays under p95 500 ms through 2031-01-01", StringComparison.Ordinal));
        Assert.DoesNotContain(fast, r => r.Text.Contains("on Partitioned:", StringComparison.Ordinal));
    }

    [Fact]
    public void Headroom_HorizonFarBeyondTheLargestSize_SaysItIsAnExtrapolation()
    {
        // Composite's trades_30d said to stay under its target: measured up to 10M rows.
        var under = Analysis.Projections.Select(p => p.Variant == SchemaVariant.Composite && p.Query == "trades_30d"
            ? p with { Status = HeadroomStatus.BeyondHorizon, RowsAtTarget = null, DateAtTarget = null }
            : p).ToList();
        static string Line(IEnumerable<Recommendation> lines) => Assert.Single(lines, r => r.Text.Contains("`trades_30d` on Composite: stays under", StringComparison.Ordinal)).Text;

        // 200 × 100 trades a day for 2 years: 14.6M rows, 1.5× the largest size: no extrapolation to speak of.
        var near = Line(RecommendationRules.Headroom(under, new GrowthAssumptions(200, 100, 2, new DateOnly(2026, 1, 1))));
        // 400 × 100 for 5 years: 73M rows, 7.3× the largest size: what is said of the horizon is an extrapolation.
        var far = Line(RecommendationRules.Headroom(under, new GrowthAssumptions(400, 100, 5, new DateOnly(2026, 1, 1))));

        Assert.DoesNotContain("extrapolation", near, StringComparison.Ordinal);
        Assert.EndsWith("at the horizon; an extrapolation to 7.3× the largest size measured.", far, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileShape_SweepWithoutItsProfilesOrAReaderAddingNoRows_SaysNothing()
    {
        Assert.Null(PlannerSummary.ProfileShape(SampleCapacityData.Create(), new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1))));
        Assert.Null(PlannerSummary.ProfileShape(SampleCapacityData.Create() with { SeedProfiles = 50, SeedTradesPerProfilePerDay = 40 }, new GrowthAssumptions(200, 0, 5, new DateOnly(2026, 1, 1))));
    }

    [Theory]
    // The sweep's profiles and daily rate as the reader's: its sizes stand for the reader's profiles.
    [InlineData(100, 50.0, 100, 50.0, "one of its profiles holds 1× the history one of yours does, and a day, week or month of it 1× your rows. Within 1.25× either way")]
    // The same total rows a day (5,000) from 5,000 profiles at 1 a day: each of the sweep's 50 profiles is 100 times as deep and its windows 100 times as full.
    [InlineData(50, 100.0, 5000, 1.0, "one of its profiles holds 100× the history one of yours does, and a day, week or month of it 100× your rows. A query that follows one profile's history or a window's rows was measured on deeper histories and fuller windows than yours will have at those totals: its dates are those of the total rows, not of what one of your profiles holds (seed with --seed-profiles 5000 and --seed-trades-per-day near 7000 to match, as a sweep does by default).")]
    public void ProfileShape_SweepBesideTheReader_SaysHowOneProfileCompares(int seedProfiles, double seedPerDay, int readerProfiles, double readerPerDay, string expected)
    {
        var data = SampleCapacityData.Create() with { SeedProfiles = seedProfiles, SeedTradesPerProfilePerDay = seedPerDay };

        var text = PlannerSummary.ProfileShape(data, new GrowthAssumptions(readerProfiles, readerPerDay, 5, new DateOnly(2026, 1, 1)))!;

        Assert.StartsWith("Sizes are matched to your data by total trade rows, and every query reads one profile.", text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlannerSummary_SampleData_VerdictPerVariantWithItsReason()
    {
        var table = PlannerSummary.Build(Analysis)!;

        // 20,000 rows a day: 365, 1,096 and 1,826 days; none beyond 4× the 10M measured.
        Assert.Equal(["variant", "1 y: 7.3M rows", "3 y: 21.92M rows", "5 y: 36.52M rows", "capacity", "verdict"], table.Header);
        var verdicts = table.Rows.ToDictionary(r => r[0], r => r[^1]);
        // Over at 1M (125 ms × 8 executions a round cannot be: 1,205 ms at 10M is), and year 1's 7.3M lie between the two.
        Assert.StartsWith("misses the targets: `trades_30d` is over p95 500 ms by year 1: ", verdicts["Basic"], StringComparison.Ordinal);
        Assert.EndsWith("(over at 10M trade rows measured)", verdicts["Basic"], StringComparison.Ordinal);
        Assert.StartsWith("misses the targets: `trades_30d` may reach p95 500 ms around 2027-", verdicts["Composite"], StringComparison.Ordinal);
        Assert.StartsWith("meets p95 < 500 ms through 5 years: worst upper bound 47", verdicts["Partitioned"], StringComparison.Ordinal);
        // 72 executions cannot bound a p99, but a lower bound stands in, named as such: here the p95 band's lower end
        // (918 ms at 7.3M rows, between 1M and 10M), above the p99's own bound measured at 1M.
        Assert.Contains("; worst p95 925 ms [918–928] (`trades_30d`", table.Rows[0][1], StringComparison.Ordinal);
        Assert.Contains("; p99 ≥ 918 ms (`trades_30d`;", table.Rows[0][1], StringComparison.Ordinal);
        Assert.Contains("queries with too few samples for an interval", table.Rows[0][1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, new[] { "1 y: 7.3M rows" }, "meets p95 < 500 ms through 1 year: ")]
    [InlineData(3, new[] { "1 y: 7.3M rows", "2 y: 14.6M rows", "3 y: 21.92M rows" }, "meets p95 < 500 ms through 3 years: ")]
    [InlineData(2.5, new[] { "1 y: 7.3M rows", "2 y: 14.6M rows", "2.5 y: 18.26M rows" }, "meets p95 < 500 ms through 2.5 years: ")]
    [InlineData(10, new[] { "1 y: 7.3M rows", "5 y: 36.52M rows", "10 y: 73.04M rows (extrapolated)" }, "meets p95 < 500 ms through 10 years: ")]
    public void PlannerSummary_Horizon_YearsEndAtItNeverBeyond(double horizon, string[] years, string partitionedVerdict)
    {
        var table = PlannerSummary.Build(CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(200, 100, horizon, new DateOnly(2026, 1, 1))))!;

        Assert.Equal(["variant", .. years, "capacity", "verdict"], table.Header);
        Assert.StartsWith(partitionedVerdict, table.Rows.Single(r => r[0] == "Partitioned")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void TargetMissesAndPlannerSummary_LowerBoundReachesTheTargetOnlyAlone_MayBeOverAndAtRiskNotMissed()
    {
        // 8 executions, 3 of them over 500 ms: the 6th smallest, 610 ms, bounds the p95 from below at 2.5 % alone (P(K ≤ 5) =
        // 0.0058 for K ~ Bin(8, 0.95)), but not beside the report's other calls.
        var data = SampleCapacityData.Create();
        var marginal = QueryMeasurement.FromRounds("metrics/weekly", [[300, 610], [310, 620], [320, 330], [630, 340]], new ExactWork(1_000, 20, 0, null, false, false, "ref on idx_metrics_profile_type_name"), ["idx_metrics_profile_type_name"]);
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant == SchemaVariant.Partitioned ? m with { Queries = [.. m.Queries, marginal with { }] } : m)] };

        var analysis = CapacityAnalysis.Analyze(data, new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1)));

        Assert.Equal(610, marginal.Estimate(95).AtLeast);
        Assert.StartsWith("`metrics/weekly` on Partitioned may be over the target from 100k rows (its p95's lower bound reaches the target alone; p = 0.0058: not over", Assert.Single(analysis.Recommendations, r => r.Rule == "target-missed" && r.Text.Contains("Partitioned", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
        var verdict = PlannerSummary.Build(analysis)!.Rows.Single(r => r[0] == "Partitioned")[^1];
        Assert.StartsWith("at risk: `metrics/weekly`'s p95 is at least 610 ms by year 1 by its lower bound alone", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetMissesAndPlannerSummary_SlowQueryWithTooFewSamplesForAnInterval_OverTheTargetByItsLowerBound()
    {
        // The reference run's metrics/weekly on Basic at 10M: 8 executions near 5 s. No p95 interval (72 samples), but
        // the 6th smallest of 8 is below the p95 with a chance under 2.5 %.
        var data = SampleCapacityData.Create();
        var slow = QueryMeasurement.FromRounds("metrics/weekly", [[4_900, 5_100], [4_800, 5_000], [5_200, 4_950], [5_050, 5_700]], new ExactWork(997_660, 2_998_381, 0, null, true, false, "ref on idx_metrics_profile_type_name"), ["idx_metrics_profile_type_name"]);
        var twiceAsSlow = slow with { RoundsMs = [.. slow.RoundsMs.Select(r => (IReadOnlyList<double>)[.. r.Select(ms => ms * 2)])] };
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant == SchemaVariant.Partitioned ? m with { Queries = [.. m.Queries, m.TradeRows == 10_000_000 ? twiceAsSlow : slow] } : m)] };

        var analysis = CapacityAnalysis.Analyze(data, new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1)));

        Assert.Null(slow.Estimate(95).Value);
        Assert.Equal(5_100, slow.Estimate(95).AtLeast); // 4800 4900 4950 5000 5050 [5100] 5200 5700
        var missed = Assert.Single(analysis.Recommendations, r => r.Rule == "target-missed" && r.Text.Contains("Partitioned", StringComparison.Ordinal)).Text;
        Assert.StartsWith("`metrics/weekly` on Partitioned is over the target from 100k rows: p95 ≥ 5100 ms (an interval needs ≥ 72 samples: 8)", missed, StringComparison.Ordinal);
        // Years 1, 3 and 5 hold 7.3M, 21.9M and 36.5M rows: a lower bound holds from the largest size measured at or under them.
        var partitioned = PlannerSummary.Build(analysis)!.Rows.Single(r => r[0] == "Partitioned");
        Assert.Contains("worst p95 ≥ 5100 ms (`metrics/weekly`; 1 query with too few samples for an interval), of the bounded: ", partitioned[1], StringComparison.Ordinal);
        Assert.Contains("worst p95 ≥ 10200 ms (`metrics/weekly`;", partitioned[2], StringComparison.Ordinal);
        // The verdict names the first year whose lower bound is over the target, not the last.
        Assert.StartsWith("misses the targets: `metrics/weekly`'s p95 is at least 5100 ms by year 1 (a lower bound", partitioned[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void PlannerSummary_QueryPastTheCommandTimeoutInTheWarmUp_MissesTheTargets()
    {
        // metrics/weekly on Basic with a small pool: its first execution ran past the 30 s timeout and was kept as one
        // censored sample, which bounds no p95; the other queries' bands alone said "meets".
        var data = SampleCapacityData.Create();
        var timedOut = QueryMeasurement.FromRounds("metrics/weekly", [[30_000]], new ExactWork(997_660, 2_998_381, 0, null, true, false, "ref on idx_metrics_profile_type_name"), ["idx_metrics_profile_type_name"]) with { TimedOut = true };
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant == SchemaVariant.Partitioned && m.TradeRows == 10_000_000 ? m with { Queries = [.. m.Queries, timedOut] } : m)] };

        var partitioned = PlannerSummary.Build(CapacityAnalysis.Analyze(data, new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1))))!.Rows.Single(r => r[0] == "Partitioned");

        Assert.Null(timedOut.Estimate(95).AtLeast);
        Assert.Equal("misses the targets: `metrics/weekly` ran past the command timeout at 10M trade rows (30000 ms)", partitioned[^1]);
    }

    [Fact]
    public void PlannerSummary_GrowthNotBoundedOverFiveSizes_SaysWhyInsteadOfAskingForThreeSizes()
    {
        // The five-size reference run's trades_symbol/hot/30d on Partitioned: a logarithmic fit whose slope interval includes zero.
        (long Rows, long Examined)[] sizes = [(100_000, 5_615), (300_000, 5_718), (1_000_000, 5_939), (3_000_000, 5_796), (10_000_000, 6_021)];
        var data = new CapacityData(
            [.. sizes.Select(s => new VariantMeasurement(SchemaVariant.Partitioned, s.Rows, 1, 100 * s.Rows, 50 * s.Rows, null, [SampleCapacityData.Query("trades_symbol/hot/30d", 9, s.Examined)], []))],
            LatencyTargets.Default);

        var analysis = CapacityAnalysis.Analyze(data, new GrowthAssumptions(100, 50, 5, new DateOnly(2026, 1, 1)));

        Assert.False(analysis.GrowthOf(SchemaVariant.Partitioned, "trades_symbol/hot/30d")!.Grows);
        Assert.EndsWith("but 1 query's work growth is not bounded: over the 5 sizes measured the slope interval includes zero, so the band runs from no growth to the fitted growth", PlannerSummary.Build(analysis)!.Rows.Single()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void PlannerSummary_YearsBetweenMeasuredSizes_InterpolateTheSizesOnEitherSide()
    {
        // 1,000 trade rows a day: years 1, 3 and 5 hold 365k, 1.1M and 1.83M rows, between the 100k, 1M and 10M measured.
        var analysis = CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(10, 100, 5, new DateOnly(2026, 1, 1)));
        var sizes = analysis.Data.For(SchemaVariant.Basic).Select(m => (m.TradeRows, Query: m.Queries.Single(q => q.Query == "trades_30d"))).ToList();
        var (p95At1M, p95At10M) = (sizes[1].Query.Estimate(95), sizes[2].Query.Estimate(95));

        var atOneMillion = CapacityProjector.Between(1_000_000, sizes[1].Query, 10_000_000, sizes[2].Query, 95, 1_000_000)!.Value;
        var atTenMillion = CapacityProjector.Between(1_000_000, sizes[1].Query, 10_000_000, sizes[2].Query, 95, 10_000_000)!.Value;
        var between = CapacityProjector.Between(1_000_000, sizes[1].Query, 10_000_000, sizes[2].Query, 95, Math.Sqrt(1e13))!.Value;
        var basic = PlannerSummary.Build(analysis)!.Rows.Single(r => r[0] == "Basic");

        Assert.Equal(p95At1M.Value!.Value, atOneMillion.Value, 6);
        Assert.Equal(p95At1M.Lower!.Value, atOneMillion.Lower, 6);
        Assert.Equal(p95At10M.Upper!.Value, atTenMillion.Upper, 6);
        Assert.Equal(Math.Sqrt(p95At1M.Value.Value * p95At10M.Value!.Value), between.Value, 6);
        // Before, every year below the largest size carried the 10M band (1,205 ms): year 1 is now between 100k's and 1M's,
        // and the verdict names the year the band crosses, not "already" for data that starts empty.
        Assert.Contains("worst p95 ", basic[1], StringComparison.Ordinal);
        Assert.DoesNotContain($"worst p95 {ReportFormat.Ms(p95At10M.Value.Value)}", basic[1], StringComparison.Ordinal);
        Assert.Equal("at risk: `trades_30d` is over p95 500 ms at 10M trade rows measured, more than your data holds in 5 years", basic[^1]);
    }

    [Fact]
    public void PlannerSummary_P99WithoutAnInterval_NeverUnderTheP95Band()
    {
        // Year 5 holds 1.83M rows, between the 1M and 10M measured: the p95 band is interpolated from both sizes, while the
        // p99 (72 samples bound none) has only the lower bound measured at 1M, far under that band. A p99 is never under the p95.
        var assumptions = new GrowthAssumptions(10, 100, 5, new DateOnly(2026, 1, 1));
        var analysis = CapacityAnalysis.Analyze(SampleCapacityData.Create(), assumptions);
        var sizes = analysis.Data.SizesOf(SchemaVariant.Basic, "trades_30d");
        var p95 = CapacityProjector.LatencyAt(analysis.GrowthOf(SchemaVariant.Basic, "trades_30d")!, sizes, 95, assumptions.RowsOn(assumptions.StartDate.AddYears(5)))!.Value;

        var yearFive = PlannerSummary.Build(analysis)!.Rows.Single(r => r[0] == "Basic")[3];

        Assert.True(p95.Lower > sizes[1].Query.Estimate(99).AtLeast);
        Assert.Contains($"; p99 ≥ {ReportFormat.Ms(p95.Lower)} (`trades_30d`;", yearFive, StringComparison.Ordinal);
    }

    [Fact]
    public void Projections_HorizonInsideTheMeasuredRange_TheBandOfTheSizesOnEitherSide()
    {
        // 5 years of 1,000 rows a day: 1.83M rows, between the 1M and 10M measured.
        var analysis = CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(10, 100, 5, new DateOnly(2026, 1, 1)));
        var projection = analysis.Projections.Single(p => p.Variant == SchemaVariant.Basic && p.Query == "trades_30d");
        var sizes = analysis.Data.SizesOf(SchemaVariant.Basic, "trades_30d");

        var between = CapacityProjector.Between(sizes[1].TradeRows, sizes[1].Query, sizes[2].TradeRows, sizes[2].Query, projection.Percentile, analysis.Assumptions!.RowsOn(analysis.Assumptions.EndDate))!.Value;

        // Before, the largest size's band (its work is never projected below 10M's) stood at the horizon.
        Assert.Equal(between.Value, projection.AtHorizonMs, 6);
        Assert.Equal(between.Upper, projection.AtHorizonUpperMs, 6);
        Assert.True(projection.AtHorizonMs < projection.Measured.Value, $"{projection.AtHorizonMs} at 1.83M rows, {projection.Measured.Value} at 10M");
    }

    [Fact]
    public void PlannerSummary_OverAtTheLargestSize_AlreadyOnlyWhenTheDataHoldsItToday()
    {
        var today = PlannerSummary.Build(CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(10, 100, 5, new DateOnly(2026, 1, 1), StartRows: 10_000_000)))!;
        // 1,000 rows a day reach 10M in year 28: the first screen's years are 1, 15 and 30.
        var later = PlannerSummary.Build(CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(10, 100, 30, new DateOnly(2026, 1, 1))))!;

        Assert.Equal("misses the targets: `trades_30d` is over p95 500 ms already (at 10M trade rows measured)", today.Rows.Single(r => r[0] == "Basic")[^1]);
        // The projection table says the same: "over at the size measured" for data that starts empty.
        var projections = CapacityReportBuilder.Build(Analysis).Blocks.OfType<Perf.Harness.Reports.ReportTable>().Single(t => t.Header[^1] == "reaches the target");
        Assert.Equal("over at the size measured", projections.Rows.Single(r => r[0] == "`trades_30d`" && r[1] == "Basic")[^1]);
        // Year 15 (5.48M rows) lies between the 1M and 10M measured, and its interpolated band is over already.
        Assert.Equal("misses the targets: `trades_30d` is over p95 500 ms by year 15: 697 ms [692–700] (over at 10M trade rows measured)", later.Rows.Single(r => r[0] == "Basic")[^1]);
        // A first-screen year past the size measured also says when the data reaches that size: 9.9M stored, 1,000 more a day.
        var soon = PlannerSummary.Build(CapacityAnalysis.Analyze(SampleCapacityData.Create(), new GrowthAssumptions(10, 100, 1, new DateOnly(2026, 1, 1), StartRows: 9_900_000)))!;
        Assert.EndsWith("(over at 10M trade rows measured, which your data reaches around 2026-04-11)", soon.Rows.Single(r => r[0] == "Basic")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void PlannerSummary_OneSizeMeasured_YearsBelowItSaySoAndNoCrossingIsClaimed()
    {
        // Only 10M measured (the knee report's shape): years 1, 3 and 5 hold 365k, 1.1M and 1.83M rows.
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Where(m => m.TradeRows == 10_000_000)] };
        var small = PlannerSummary.Build(CapacityAnalysis.Analyze(data, new GrowthAssumptions(10, 100, 5, new DateOnly(2026, 1, 1))))!;

        var basic = small.Rows.Single(r => r[0] == "Basic");
        Assert.Contains("; as measured at 10M, the smallest size: worst p95 ", basic[1], StringComparison.Ordinal);
        // 1,205 ms at 10M says nothing of 1.83M rows: no "by year", and the data never gets to 10M in 5 years.
        Assert.Equal("at risk: `trades_30d` is over p95 500 ms at 10M trade rows measured, more than your data holds in 5 years", basic[^1]);
    }

    [Fact]
    public void PlannerSummary_CapacitySearchFailedAtItsLowestRate_VerdictMissesTheTargets()
    {
        // Partitioned's queries meet p95 by every band, but the load runner met the targets at no rate at the largest size.
        var data = SampleCapacityData.Create();
        var largest = data.Measurements.Max(m => m.TradeRows);
        data = data with { Measurements = [.. data.Measurements.Select(m => m.Variant == SchemaVariant.Partitioned && m.TradeRows == largest ? m with { CapacityRps = 0 } : m)] };

        var table = PlannerSummary.Build(CapacityAnalysis.Analyze(data, new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1))))!;

        var partitioned = Assert.Single(table.Rows, r => r[0] == "Partitioned");
        Assert.Equal("0 (lowest rate failed)", partitioned[^2]);
        Assert.Equal("misses the targets: at 10M trade rows the load runner's lowest rate already missed p95 or p99", partitioned[^1]);
    }

    [Theory]
    [InlineData(10_000_000, false)]
    [InlineData(1_000_000, true)]
    public void PlannerSummary_BandFarPastTheLargestSize_VerdictSaysItIsExtrapolated(long largest, bool extrapolated)
    {
        // 3 years of 200 profiles hold 7.3M to 21.9M rows: within 4× of 10M (as the table's header has it), but 7.3× to 21.9×
        // a largest size of 1M, where the verdict's band is the fit's projection, not a measurement's.
        var data = SampleCapacityData.Create();
        data = data with { Measurements = [.. data.Measurements.Where(m => m.TradeRows <= largest)] };

        var verdict = PlannerSummary.Build(CapacityAnalysis.Analyze(data, new GrowthAssumptions(200, 100, 3, new DateOnly(2026, 1, 1))))!.Rows.Single(r => r[0] == "Partitioned")[^1];

        Assert.StartsWith("meets p95 < 500 ms", verdict, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(verdict, @"; extrapolated to [0-9.]+× the largest size measured\)") == extrapolated, verdict);
    }

    [Fact]
    public void PlannerSummary_OverOnlyBeyondTheHorizonBesideAMissWithinIt_NamesTheMiss()
    {
        // 10 profiles × 100 trades a day hold 1.83M rows in 5 years: Basic's trades_30d is over at 10M only (at risk), while
        // `zz_heavy` (a name after it) is over at every size, so from year 1. The verdict named the first cause it met.
        var data = SampleCapacityData.Create();
        data = data with
        {
            Measurements = [.. data.Measurements.Where(m => m.Variant == SchemaVariant.Basic).Select(m => m with
            {
                Queries = [.. m.Queries, SampleCapacityData.Query("zz_heavy", 600, 1_000)],
            })],
        };

        var verdict = PlannerSummary.Build(CapacityAnalysis.Analyze(data, new GrowthAssumptions(10, 100, 5, new DateOnly(2026, 1, 1))))!.Rows.Single()[^1];

        Assert.StartsWith("misses the targets: `zz_heavy` is over p95 500 ms by year 1: ", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void PlannerSummary_CapacityFailedOnlyAtASizeBeyondTheHorizon_AtRiskNotAMiss()
    {
        // The lowest rate failed at 10M trade rows, which 10 profiles × 100 trades a day never reach in a year (365k).
        var data = SampleCapacityData.Create();
        var largest = data.Measurements.Max(m => m.TradeRows);
        data = data with { Measurements = [.. data.Measurements.Where(m => m.Variant == SchemaVariant.Partitioned).Select(m => m.TradeRows == largest ? m with { CapacityRps = 0 } : m)] };

        var verdict = PlannerSummary.Build(CapacityAnalysis.Analyze(data, new GrowthAssumptions(10, 100, 1, new DateOnly(2026, 1, 1))))!.Rows.Single()[^1];

        Assert.Equal("at risk: at 10M trade rows the load runner's lowest rate already missed p95 or p99, more than your data holds in 1 year", verdict);
    }

    [Fact]
    public void PlannerSummary_SlowestInAnEarlyYear_VerdictNamesThatYearsBand()
    {
        // Partitioned alone, with a query slower at 1M rows than at 10M (its work does not grow): year 1 (7.3M rows) lies
        // between the two and its band reaches highest; the verdict judged the last year's band alone and named that.
        var data = SampleCapacityData.Create();
        data = data with
        {
            Measurements = [.. data.Measurements.Where(m => m.Variant == SchemaVariant.Partitioned).Select(m => m with
            {
                Queries = [.. m.Queries, SampleCapacityData.Query("early", m.TradeRows == 1_000_000 ? 300 : 40, 1_000)],
            })],
        };

        var verdict = PlannerSummary.Build(CapacityAnalysis.Analyze(data, new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1))))!.Rows.Single()[^1];

        Assert.StartsWith("meets p95 < 500 ms through 5 years: worst upper bound ", verdict, StringComparison.Ordinal);
        Assert.Contains("(`early`, year 1)", verdict, StringComparison.Ordinal);
    }

    /// <summary>
    /// Partitioned alone with a query whose p95 interval reaches 499.6 ms at every size (constant work, same timings), and
    /// a reader whose five years stay inside the sizes measured (50 profiles × 100 trades/day: 9.1M rows): its worst upper
    /// bound is that interval's, under the 500 ms target.
    /// </summary>
    private static CapacityData JustUnderTheTarget()
    {
        var data = SampleCapacityData.Create();
        var upperPerMs = OrderStatistics.Estimate([.. SampleCapacityData.Spread(1).SelectMany(r => r)], 95).Upper!.Value;
        return data with
        {
            Measurements = [.. data.Measurements.Where(m => m.Variant == SchemaVariant.Partitioned).Select(m => m with
            {
                Queries = [.. m.Queries, SampleCapacityData.Query("slow", 499.6 / upperPerMs, 1_000)],
            })],
        };
    }

    [Fact]
    public void PlannerSummary_WorstUpperBoundJustUnderTheTarget_PrintedUnderIt()
    {
        var analysis = CapacityAnalysis.Analyze(JustUnderTheTarget(), new GrowthAssumptions(50, 100, 5, new DateOnly(2026, 1, 1)));

        var row = PlannerSummary.Build(analysis)!.Rows.Single();

        // Three significant digits printed it "500 ms" beside "meets p95 < 500 ms".
        Assert.StartsWith("meets p95 < 500 ms through 5 years: worst upper bound 499.6 ms (`slow`", row[^1], StringComparison.Ordinal);
        Assert.Contains("–499.6] (`slow`)", row[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TargetMisses_HighestUpperBoundJustUnderTheTarget_PrintedUnderIt()
    {
        var data = JustUnderTheTarget();
        var text = Assert.Single(RecommendationRules.TargetMisses(data, TargetTests.Of(data))).Text;

        Assert.Contains("every bounded p95 is under 500 ms (highest upper 95 % bound 499.6 ms)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlannerSummaryAndHeadroom_FullScanNoApiServes_NeitherDecidesTheVerdictNorGetsALine()
    {
        // Partitioned alone, beside the full scan shown for contrast: its work grows with the table (every row examined)
        // and its p95 at 10M (~450 ms) is projected to reach 500 ms around 11M rows, inside the 36.5M of 5 years.
        var data = SampleCapacityData.Create();
        data = data with
        {
            Measurements = [.. data.Measurements.Where(m => m.Variant == SchemaVariant.Partitioned).Select(m => m with
            {
                Queries = [.. m.Queries, SampleCapacityData.Query("full_scan", 50 + (4e-5 * m.TradeRows), m.TradeRows, "PRIMARY") with { ServedByApi = false }],
            })],
        };

        var analysis = CapacityAnalysis.Analyze(data, new GrowthAssumptions(200, 100, 5, new DateOnly(2026, 1, 1)));

        Assert.Equal(HeadroomStatus.ReachedWithinHorizon, Assert.Single(analysis.Projections, p => p.Query == "full_scan").Status);
        Assert.StartsWith("meets p95 < 500 ms through 5 years: worst upper bound 47", PlannerSummary.Build(analysis)!.Rows.Single()[^1], StringComparison.Ordinal);
        var headroom = analysis.Recommendations.Where(r => r.Rule == "headroom").ToList();
        Assert.DoesNotContain(headroom, r => r.Text.Contains("full_scan", StringComparison.Ordinal));
        Assert.Contains(headroom, r => r.Text.Contains(": no query is projected to reach its target through 2031-01-01", StringComparison.Ordinal));
        // The projection table still shows it, as contrast.
        var projections = CapacityReportBuilder.Build(analysis).Blocks.OfType<Perf.Harness.Reports.ReportTable>().Single(t => t.Header[^1] == "reaches the target");
        Assert.Contains(projections.Rows, r => r[0] == "`full_scan` (contrast: no API serves it, so no target applies)");
    }

    [Fact]
    public void Derive_Storage_ComparesBytesPerRow()
    {
        var text = Assert.Single(Analysis.Recommendations, r => r.Rule == "storage" && r.Text.StartsWith("Composite", StringComparison.Ordinal)).Text;

        Assert.StartsWith("Composite stores 180 B per trade row (120 data + 60 index), 1", text, StringComparison.Ordinal);
        Assert.EndsWith("% more than Basic's 160 B.", text, StringComparison.Ordinal);
    }
}
