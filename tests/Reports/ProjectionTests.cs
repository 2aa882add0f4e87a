using Perf.Harness.Reports;
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
    public void Headroom_LinearFit_ReachesTargetOnHandComputedDate()
    {
        // p99 = 10 ms + 1e-4 ms/row reaches 1000 ms at 9.9M rows; 5000 rows/day → 1980 days.
        var fit = new GrowthFit(GrowthModel.Linear, 10, 1e-4, 0, 1, 1, 0, 3);
        var tenYears = new GrowthAssumptions(100, 50, 10, Start);

        var projection = CapacityProjector.Headroom(SchemaVariant.Basic, "trades_30d", fit, 1000, tenYears);

        Assert.Equal(HeadroomStatus.ReachedWithinHorizon, projection.Status);
        Assert.Equal(9_900_000, projection.RowsAtTarget!.Value, 3);
        Assert.Equal(Start.AddDays(1980), projection.DateAtTarget);

        var twoYears = CapacityProjector.Headroom(SchemaVariant.Basic, "trades_30d", fit, 1000, tenYears with { Years = 2 });
        Assert.Equal(HeadroomStatus.BeyondHorizon, twoYears.Status);
        Assert.Equal(10 + (1e-4 * 730 * 5000), twoYears.P99AtHorizonMs, 6);
    }

    [Fact]
    public void Headroom_ConstantFits_NoGrowthOrAlreadyOver()
    {
        var assumptions = new GrowthAssumptions(100, 50, 2, Start);
        var under = CapacityProjector.Headroom(SchemaVariant.Basic, "q", new GrowthFit(GrowthModel.Constant, 20, 0, 0, 0, 0, 0, 3), 1000, assumptions);
        var over = CapacityProjector.Headroom(SchemaVariant.Basic, "q", new GrowthFit(GrowthModel.Constant, 1500, 0, 0, 0, 0, 0, 3), 1000, assumptions);

        Assert.Equal(HeadroomStatus.NoGrowth, under.Status);
        Assert.Equal(HeadroomStatus.AlreadyOver, over.Status);
    }

    [Fact]
    public void Validate_NonsenseNumbers_Throw() =>
        Assert.Throws<ArgumentException>(() => new GrowthAssumptions(0, 50, 2, Start).Validate());
}
