using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

public sealed class ModelErrorTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void Calibrate_TimePerRowDriftingAsAPower_BoundsAreTheConformalOrderStatisticsOfTheDrift()
    {
        // Work ∝ rows is projected exactly, so measured ÷ projected at 4M from 2M is 2^γ: one exponent γ per query.
        double[] drift = [.. Enumerable.Range(0, 40).Select(q => (q - 10) / 40.0)];
        var error = ModelError.Calibrate(Data([1_000_000, 2_000_000, 4_000_000], drift))!;

        Assert.Equal(40, error.Checks);
        Assert.Equal([4_000_000L], error.HeldOutRows);
        Assert.Equal(drift[1], error.LowerExponent, 9); // ⌊41 × 0.05⌋ = 2nd smallest
        Assert.Equal(drift[38], error.UpperExponent, 9); // ⌈41 × 0.95⌉ = 39th
        Assert.Equal("×0.6 to ×5.01 per 10× more rows", error.PerTenfold); // 10^−0.225, 10^0.7
    }

    [Fact]
    public void Calibrate_TheControlShowsTheMachineFasterBesideTheHeldOutSize_TheExponentsAreTheMethodsAlone()
    {
        // The same 40 exponents, measured while the machine ran 0.7× as long beside 4M as beside 2M: the control (the same
        // work beside every size, read from memory) shows it, the hold-out is set to 4M's speed, and the bounds are those
        // without the drift. Had the control read pages from disk, its change is not taken for the machine's.
        double[] drift = [.. Enumerable.Range(0, 40).Select(q => (q - 10) / 40.0)];
        var machine = Data([1_000_000, 2_000_000, 4_000_000], drift) is var data ? data with
        {
            Measurements = [.. data.Measurements.Select(m => m.TradeRows == 4_000_000 ? m with { Queries = [.. m.Queries.Select(q => Faster(q, 0.7))] } : m)],
            Controls = [.. new long[] { 1_000_000, 2_000_000, 4_000_000 }.Select(rows => Control(rows, rows == 4_000_000 ? 0.7 : 1, physicalReads: 0))],
        } : null!;

        var error = ModelError.Calibrate(machine)!;
        var fromDisk = ModelError.Calibrate(machine with { Controls = [.. machine.Controls.Select((c, i) => i == 2 ? Control(c.TradeRows, 0.7, physicalReads: 5) : c)] })!;

        Assert.Equal(drift[1], error.LowerExponent, 9);
        Assert.Equal(drift[38], error.UpperExponent, 9);
        Assert.Equal(drift[1] + (Math.Log(0.7) / Math.Log(2)), fromDisk.LowerExponent, 9);
    }

    [Fact]
    public void Calibrate_RanksThatAreWholeNumbers_AreTakenExactly()
    {
        // 39 queries: (39 + 1) · 0.05 = 2 and (39 + 1) · 0.95 = 38 exactly, so the 2nd smallest and the 38th.
        double[] drift = [.. Enumerable.Range(0, 39).Select(q => q / 100.0)];
        var error = ModelError.Calibrate(Data([1_000_000, 2_000_000, 4_000_000], [.. drift.Select(d => d - 0.1)]))!;

        Assert.Equal(drift[1] - 0.1, error.LowerExponent, 9);
        Assert.Equal(drift[37] - 0.1, error.UpperExponent, 9);
    }

    [Fact]
    public void Calibrate_FewerComparisonsThanTheBoundsNeed_None()
    {
        double[] drift = [.. Enumerable.Range(0, ModelError.MinimumChecks).Select(q => q / 100.0)];
        long[] sizes = [1_000_000, 2_000_000, 4_000_000];

        Assert.Null(ModelError.Calibrate(Data(sizes, drift[1..])));
        Assert.NotNull(ModelError.Calibrate(Data(sizes, drift)));
        Assert.Null(ModelError.Calibrate(Data(sizes[1..], drift))); // two sizes: nothing to hold out
    }

    [Fact]
    public void Calibrate_EveryQueryFasterThanProjected_TheUpperBoundKeepsTheSamplingBand()
    {
        var error = ModelError.Calibrate(Data([1_000_000, 2_000_000, 4_000_000], [.. Enumerable.Range(1, 20).Select(q => -q / 100.0)]))!;

        Assert.Equal(0, error.UpperExponent);
        Assert.True(error.LowerExponent < 0);
        Assert.Equal(1, error.Factors(40_000_000, 4_000_000).Upper);
    }

    [Fact]
    public void Factors_TenTimesTheRows_TenToTheExponents_AndNothingAtOrBelowTheSize()
    {
        var error = new ModelError(-0.5, 0.25, 100, [1_000_000]);

        var (lower, upper) = error.Factors(10_000_000, 1_000_000);
        Assert.Equal(Math.Pow(10, -0.5), lower, 12);
        Assert.Equal(Math.Pow(10, 0.25), upper, 12);
        Assert.Equal((1.0, 1.0), error.Factors(1_000_000, 1_000_000));
        Assert.Equal((1.0, 1.0), error.Factors(500_000, 1_000_000));
    }

    [Fact]
    public void LatencyAt_BeyondTheLargestSize_TheBandIsWidenedByTheModelError_InsideTheRangeItIsNot()
    {
        var data = Data([500_000, 1_000_000, 2_000_000], [0]);
        var work = CapacityAnalysis.FitGrowth(data).Single();
        var sizes = data.SizesOf(SchemaVariant.Basic, "q0");
        var error = new ModelError(-0.5, 0.25, 100, [1_000_000]);
        var p95 = sizes[^1].Query.Estimate(95);

        var plain = CapacityProjector.LatencyAt(work, sizes, 95, 20_000_000)!.Value;
        var widened = CapacityProjector.LatencyAt(work, sizes, 95, 20_000_000, error)!.Value;

        Assert.True(work.Grows);

        Assert.Equal(plain.Value, widened.Value, 9);
        Assert.Equal(p95.Lower!.Value * 10 * Math.Pow(10, -0.5), widened.Lower, 6); // work ×10, rows ×10
        Assert.Equal(p95.Upper!.Value * 10 * Math.Pow(10, 0.25), widened.Upper, 6);
        Assert.Equal(CapacityProjector.LatencyAt(work, sizes, 95, 1_500_000), CapacityProjector.LatencyAt(work, sizes, 95, 1_500_000, error));
        Assert.Equal(p95.AtLeast!.Value * 10 * Math.Pow(10, -0.5), CapacityProjector.AtLeastAt(work, sizes[^1].Query, sizes[^1].TradeRows, 95, 20_000_000, error)!.Value, 6);
    }

    [Fact]
    public void Latency_WithModelError_CrossesWhereTheWidenedUpperEndReachesTheTarget()
    {
        // Work ∝ rows and the upper end × (rows / 2M)^0.5 on top: it reaches 500 ms at 2M × (500 / upper)^(1 / 1.5).
        var data = Data([500_000, 1_000_000, 2_000_000], [0], typicalMsPerMillionRows: 10);
        var work = CapacityAnalysis.FitGrowth(data).Single();
        var sizes = data.SizesOf(SchemaVariant.Basic, "q0");
        var upper = sizes[^1].Query.Estimate(95).Upper!.Value;
        var assumptions = new GrowthAssumptions(1000, 1000, 100, Start);

        var plain = CapacityProjector.Latency(work, 2_000_000, sizes[^1].Query, SampleCapacityData.Alone(sizes[^1].Query), assumptions, sizes);
        var widened = CapacityProjector.Latency(work, 2_000_000, sizes[^1].Query, SampleCapacityData.Alone(sizes[^1].Query), assumptions, sizes, new ModelError(0, 0.5, 100, [1_000_000]));

        Assert.Equal(2_000_000 * 500 / upper, plain.RowsAtTarget!.Value, 0.001 * plain.RowsAtTarget!.Value);
        Assert.Equal(2_000_000 * Math.Pow(500 / upper, 1 / 1.5), widened.RowsAtTarget!.Value, 1e-6 * widened.RowsAtTarget!.Value);
        Assert.True(widened.DateAtTarget < plain.DateAtTarget);
    }

    [Fact]
    public void Latency_ConstantWorkWhoseWidenedBandReachesTheTarget_ModelErrorReachesWhereTheWidenedUpperEndDoes()
    {
        var measured = SampleCapacityData.Query("q", 200, 1_000);
        List<(double Rows, double Value)> points = [(1_000_000, 1_000), (2_000_000, 1_000), (4_000_000, 1_000)];
        var selection = GrowthFitter.Fit(points);
        var work = new WorkGrowth(SchemaVariant.Basic, "q", selection, null, null, null);
        var assumptions = new GrowthAssumptions(100, 10, 100, Start); // 36.5M rows in 100 years: ~9× the 4M measured
        var upper = measured.Estimate(95).Upper!.Value;

        var projection = CapacityProjector.Latency(work, 4_000_000, measured, SampleCapacityData.Alone(measured), assumptions, error: new ModelError(0, 0.5, 100, [1_000_000]));

        Assert.Equal(HeadroomStatus.NoGrowth, CapacityProjector.Latency(work, 4_000_000, measured, SampleCapacityData.Alone(measured), assumptions).Status);
        Assert.True(measured.Estimate(95).IsUnder(500)); // measured under the target: not "may be over"
        Assert.Equal(HeadroomStatus.ModelErrorReaches, projection.Status);
        Assert.Equal(4_000_000 * Math.Pow(500 / upper, 2), projection.RowsAtTarget!.Value, 1e-6 * projection.RowsAtTarget!.Value); // upper × (rows / 4M)^0.5 = 500 ms
        Assert.True(projection.IsExtrapolation);
    }

    [Fact]
    public void Headroom_ConstantWorkWhoseWidenedBandReachesTheTarget_NoLineOfItsOwn_NamedAsTheModelErrorsReach()
    {
        var measured = SampleCapacityData.Query("q", 200, 1_000);
        var work = new WorkGrowth(SchemaVariant.Basic, "q", GrowthFitter.Fit([(1_000_000, 1_000), (2_000_000, 1_000), (4_000_000, 1_000)]), null, null, null);
        var assumptions = new GrowthAssumptions(100, 10, 100, Start);
        var plain = CapacityProjector.Latency(work, 4_000_000, measured, SampleCapacityData.Alone(measured), assumptions);
        var widened = CapacityProjector.Latency(work, 4_000_000, measured, SampleCapacityData.Alone(measured), assumptions, error: new ModelError(0, 0.5, 100, [1_000_000]));

        var without = RecommendationRules.Headroom([plain], assumptions);
        var text = Assert.Single(RecommendationRules.Headroom([widened], assumptions)).Text;

        // Which lines exist rests on the exact work: the same one closing line with or without the model error.
        Assert.Single(without);
        Assert.DoesNotContain("may be over", text, StringComparison.Ordinal);
        Assert.DoesNotContain("straddles", text, StringComparison.Ordinal);
        Assert.Contains("1 (variant, query) pairs do the same work at every size and their work is never projected to cross; of them `q` on Basic (p95 ", text, StringComparison.Ordinal);
        Assert.Contains($"at 4M rows, under 500 ms; the band reaches it beyond ~{ReportFormat.Rows(widened.RowsAtTarget!.Value)} rows: an extrapolation to ", text, StringComparison.Ordinal);
        Assert.Contains("measured under the target, and only the model error's band reaches it", text, StringComparison.Ordinal);
        Assert.StartsWith("With 100 profiles × 10 trades/day: no query is projected to reach its target through ", text, StringComparison.Ordinal);
        Assert.Contains(" but by the model error alone", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlannerSummary_ConstantWorkWhoseWidenedBandReachesTheTarget_AtRiskByTheModelErrorNotUnboundedGrowth()
    {
        // 20 queries whose work grows calibrate the model error; `flat` examines 1,000 rows at 200 ms at every size.
        var data = Data([1_000_000, 2_000_000, 4_000_000], [.. Enumerable.Range(0, 20).Select(q => q / 40.0)], typicalMsPerMillionRows: 0.1);
        data = data with { Measurements = [.. data.Measurements.Select(m => m with { Queries = [.. m.Queries, SampleCapacityData.Query("flat", 200, 1_000)] })] };

        var analysis = CapacityAnalysis.Analyze(data, new GrowthAssumptions(100, 10, 100, Start)); // 36.5M rows in 100 years

        Assert.NotNull(analysis.ModelError);
        Assert.Equal(HeadroomStatus.ModelErrorReaches, analysis.Projections.Single(p => p.Query == "flat").Status);
        var verdict = PlannerSummary.Build(analysis)!.Rows.Single()[^1];
        Assert.StartsWith("at risk: `flat`'s p95 band reaches ", verdict, StringComparison.Ordinal);
        Assert.EndsWith("; its work does not grow: beyond the largest size only the model error widens its band", verdict, StringComparison.Ordinal);
        Assert.DoesNotContain("growth is not bounded", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldOut_FourSizes_ItsBandCarriesTheModelErrorOfTheSmallerSizesAlone()
    {
        double[] drift = [.. Enumerable.Range(0, 20).Select(q => q / 40.0)];
        var analysis = CapacityAnalysis.Analyze(Data([1_000_000, 2_000_000, 4_000_000, 8_000_000], drift), null);

        Assert.Equal([4_000_000L], analysis.HoldOut!.ModelError!.HeldOutRows);
        Assert.Equal([4_000_000L, 8_000_000L], analysis.ModelError!.HeldOutRows);
        Assert.Equal(40, analysis.ModelError.Checks);
        Assert.All(analysis.HoldOut.Checks, c => Assert.Equal(ProjectionOutcome.Held, c.At(95)!.Outcome)); // the same drift again, inside the widened band
        Assert.Null(CapacityAnalysis.Analyze(Data([2_000_000, 4_000_000, 8_000_000], drift), null).HoldOut!.ModelError);
    }

    /// <summary><paramref name="query"/> with every sample multiplied by <paramref name="factor"/>.</summary>
    private static QueryMeasurement Faster(QueryMeasurement query, double factor) =>
        QueryMeasurement.FromRounds(query.Query, [.. query.RoundsMs.Select(r => (IReadOnlyList<double>)[.. r.Select(ms => ms * factor)])], query.Work!, query.IndexesUsed);

    /// <summary>A control of eight queries at <paramref name="factor"/> × their base latency beside <paramref name="rows"/>, with the pages it read from disk.</summary>
    private static ControlMeasurement Control(long rows, double factor, long physicalReads) =>
        new(rows, [.. Enumerable.Range(0, 8).Select(i => SampleCapacityData.Query($"c{i}", (i + 1) * factor, 100) with { Pages = new PageCounts(1_000, physicalReads, 72) })]);

    /// <summary>One variant; query q<i>i</i> examines rows ÷ 10 and takes time ∝ rows^(1 + <paramref name="drift"/>[i]) (72 samples, ±5 %).</summary>
    private static CapacityData Data(long[] sizes, double[] drift, double typicalMsPerMillionRows = 1) => new(
        [.. sizes.Select(rows => new VariantMeasurement(SchemaVariant.Basic, rows, 1, 100 * rows, 50 * rows, null,
            [.. drift.Select((d, q) => SampleCapacityData.Query($"q{q}", typicalMsPerMillionRows * Math.Pow(rows / 1e6, 1 + d), rows / 10))], []))],
        LatencyTargets.Default);
}
