using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

public sealed class ProjectionTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void GrowthAssumptions_RowsAndDates_AreHandComputed()
    {
        var assumptions = new GrowthAssumptions(100, 50, 2, Start);

        Assert.Equal(5_000, assumptions.RowsPerDay);
        Assert.Equal(365 * 5_000, assumptions.RowsOn(new DateOnly(2027, 1, 1)));
        Assert.Equal(new DateOnly(2028, 1, 1), assumptions.EndDate);
        Assert.Equal(new DateOnly(2028, 7, 2), (assumptions with { Years = 2.5 }).EndDate); // + round(0.5 × 365.2425) = 183 days
        Assert.Equal(Start.AddDays(3), assumptions.DateReaching(12_001)); // ceil(12001 / 5000) = 3 days
        Assert.Equal(Start, assumptions.DateReaching(0));
    }

    [Fact]
    public void StorageFit_TwoSizes_SlopeIsBytesPerRowInterceptIsFixed()
    {
        // data = 1 MB + 100 B/row, index = 50 B/row.
        VariantMeasurement At(long rows) => new(SchemaVariant.Composite, rows, 1, 1_000_000 + (100 * rows), 50 * rows, null, [], []);

        var fit = StorageFit.From(SchemaVariant.Composite, [At(100_000), At(1_000_000)]);

        Assert.Equal(100, fit.DataBytesPerRow, 9);
        Assert.Equal(50, fit.IndexBytesPerRow, 9);
        Assert.Equal(1_000_000, fit.FixedBytes, 3);
        Assert.Equal(1_000_000 + (150.0 * 2_000_000), fit.BytesAt(2_000_000), 3);
    }

    [Fact]
    public void StorageFit_OneSize_UsesRatio()
    {
        var fit = StorageFit.From(SchemaVariant.Basic, [new VariantMeasurement(SchemaVariant.Basic, 1_000, 1, 200_000, 100_000, null, [], [])]);

        Assert.Equal(300, fit.BytesPerRow);
        Assert.Equal(0, fit.FixedBytes);
    }

    [Fact]
    public void Storage_TwoYears_StartEachYearAndEnd()
    {
        var assumptions = new GrowthAssumptions(10, 100, 2, Start);
        var fits = new[] { new StorageFit(SchemaVariant.Basic, 0, 100, 50) };

        var points = CapacityProjector.Storage(assumptions, fits);

        Assert.Equal([Start, new DateOnly(2027, 1, 1), new DateOnly(2028, 1, 1)], points.Select(p => p.Date));
        Assert.Equal(365_000, points[1].Rows);
        Assert.Equal(365_000 * 150.0, points[1].BytesByVariant[SchemaVariant.Basic]);
    }

    [Fact]
    public void Latency_ConstantWork_NeverCrossesEvenWhenATimingFitWouldGrow()
    {
        // Same 1,000 rows examined at every size; noisy timings must not turn into a crossing date.
        var work = Work([(50_000, 1_000), (100_000, 1_000), (200_000, 1_000)]);
        var measured = SampleCapacityData.Query("trades_page/hot/30d", 50, 1_000);

        var projection = CapacityProjector.Latency(work, 200_000, measured, SampleCapacityData.Alone(measured), new GrowthAssumptions(100, 50, 10, Start));

        Assert.Equal(HeadroomStatus.NoGrowth, projection.Status);
        Assert.Null(projection.DateAtTarget);
        Assert.Equal(measured.Estimate(95).Value!.Value, projection.AtHorizonMs, 9);
    }

    [Fact]
    public void Latency_P95OverItsTargetWhileP99IsUnderIts_AlreadyOverOnP95()
    {
        // 480 executions: 430 near 100 ms, 40 near 600 ms, 10 near 900 ms. p95 ≈ 600 ms, its whole interval over 500 ms;
        // p99 ≈ 900 ms, its whole interval under 1 s. Projecting p99 alone would call this query within its targets.
        var samples = Enumerable.Range(0, 480).Select(i => i < 430 ? 100 + (i % 10) : i < 470 ? 600 + (i % 10) : 900 + (i % 10)).Select(v => (double)v).ToList();
        IReadOnlyList<IReadOnlyList<double>> rounds = [.. samples.Chunk(40).Select(r => (IReadOnlyList<double>)r)];
        var measured = QueryMeasurement.FromRounds("q", rounds, new ExactWork(1_000, null, null, null, false, false, "range on i"), ["i"]);
        var work = Work([(50_000, 1_000), (100_000, 1_000), (200_000, 1_000)]);
        Assert.True(measured.Estimate(95).IsOver(500) && measured.Estimate(99).IsUnder(1_000));

        var projection = CapacityProjector.Latency(work, 200_000, measured, SampleCapacityData.Alone(measured), new GrowthAssumptions(100, 50, 3, Start));

        Assert.Equal(HeadroomStatus.AlreadyOver, projection.Status);
        Assert.Equal((95, 500), (projection.Percentile, projection.TargetMs));
    }

    [Fact]
    public void Latency_FitAboveTheWorkMeasuredAtTheLargestSize_CrossingNeverBeforeIt()
    {
        // The fit puts 100k rows examined at 1M, but the query examined 10k there (p95 about 100 ms, under the target):
        // the work reaches 500 / 105 × 10k = 47.6k at 476k trade rows by the raw fit, before the size measured under it.
        var work = Work([(250_000, 25_000), (500_000, 50_000), (1_000_000, 100_000)]);
        var measured = SampleCapacityData.Query("summary/hot/30d", 100, 10_000);

        var projection = CapacityProjector.Latency(work, 1_000_000, measured, SampleCapacityData.Alone(measured), new GrowthAssumptions(100, 50, 10, Start));

        Assert.True(measured.Estimate(95).IsUnder(500));
        Assert.Equal(1_000_000, projection.RowsAtTarget!.Value);
    }

    [Fact]
    public void Latency_LinearWork_CrossesWhereTimePerRowTimesWorkReachesTheTarget()
    {
        // Rows examined = trade rows / 10; at 1M: 100k rows examined, p95 ≈ 100 ms (upper bound ≤ 105) → 500 ms at ≥ 476k rows examined, 4.76M+ trade rows.
        var work = Work([(250_000, 25_000), (500_000, 50_000), (1_000_000, 100_000)]);
        var measured = SampleCapacityData.Query("summary/hot/30d", 100, 100_000);
        var assumptions = new GrowthAssumptions(100, 50, 10, Start); // 5,000 rows/day

        var projection = CapacityProjector.Latency(work, 1_000_000, measured, SampleCapacityData.Alone(measured), assumptions);

        Assert.True(work.Grows);
        Assert.Equal(HeadroomStatus.ReachedWithinHorizon, projection.Status);
        var upper = measured.Estimate(95).Upper!.Value;
        Assert.Equal(500 / upper * 1_000_000, projection.RowsAtTarget!.Value, 1);
        Assert.Equal(assumptions.DateReaching(projection.RowsAtTarget.Value), projection.DateAtTarget);
        Assert.True(projection.IsExtrapolation, "a crossing near 4.8M is beyond 4× the 1M measured");
    }

    [Fact]
    public void Latency_TwoSizes_GrowthNotBoundedNoDate()
    {
        var work = Work([(500_000, 50_000), (1_000_000, 100_000)]);
        var query = SampleCapacityData.Query("q", 100, 100_000);

        var projection = CapacityProjector.Latency(work, 1_000_000, query, SampleCapacityData.Alone(query), new GrowthAssumptions(100, 50, 10, Start));

        Assert.Equal(HeadroomStatus.GrowthNotBounded, projection.Status);
        Assert.Null(projection.DateAtTarget);
        // 5,000 rows a day for 3,652 days: 18.26M rows, 18.26× the 1M measured. The band runs from no growth (the measured lower bound) to the fitted growth.
        var p95 = SampleCapacityData.Query("q", 100, 100_000).Estimate(95);
        Assert.Equal(p95.Lower!.Value, projection.AtHorizonLowerMs, 9);
        Assert.Equal(p95.Upper!.Value * 18.26, projection.AtHorizonUpperMs, 6);
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(11, 2.201)] // the old table's "≤ 15" row gave 2.131
    [InlineData(25, 2.060)]
    [InlineData(100, 1.984)] // the old table gave the normal's 1.96 past 30
    public void StudentT975_AnyDegreesOfFreedom_ExactQuantile(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, GrowthFitter.StudentT975(degreesOfFreedom), 3);

    [Fact]
    public void SlopeInterval_NoisyFlatPoints_IncludesZero()
    {
        List<(double, double)> points = [(1e6, 100), (2e6, 130), (5e6, 95), (1e7, 140)];
        var fit = GrowthFitter.LeastSquares(points, static x => x);

        var interval = GrowthFitter.SlopeInterval(points, new GrowthFit(GrowthModel.Linear, fit.Intercept, fit.Slope, 0, 0, 0, 0, 4))!.Value;

        Assert.True(interval.Lower < 0 && interval.Upper > 0);
    }

    private static WorkGrowth Work(List<(double Rows, double Value)> points)
    {
        var selection = GrowthFitter.Fit(points);
        var interval = GrowthFitter.SlopeInterval(points, selection.Best);
        return new WorkGrowth(SchemaVariant.Composite, "q", selection, null, interval?.Lower, interval?.Upper);
    }

    [Fact]
    public void Validate_NonsenseNumbers_Throw() =>
        Assert.Throws<ArgumentException>(() => new GrowthAssumptions(0, 50, 2, Start).Validate());
}
