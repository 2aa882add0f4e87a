using Telemetry.Data.Schema;

namespace Perf.Harness.Reports;

/// <summary>Projects rows, disk and latency headroom from the fits and the reader's numbers.</summary>
public static class CapacityProjector
{
    /// <summary>Rows and bytes per variant at the start and at the end of every year of the horizon (and the horizon's end when it is a fraction).</summary>
    public static IReadOnlyList<StoragePoint> Storage(GrowthAssumptions assumptions, IReadOnlyList<StorageFit> fits)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        ArgumentNullException.ThrowIfNull(fits);
        var dates = new List<DateOnly> { assumptions.StartDate };
        for (var year = 1; year < assumptions.Years; year++)
        {
            dates.Add(assumptions.StartDate.AddYears(year));
        }

        dates.Add(assumptions.EndDate);
        return [.. dates.Distinct().Select(date =>
        {
            var rows = assumptions.RowsOn(date);
            return new StoragePoint(date, rows, fits.ToDictionary(f => f.Variant, f => f.BytesAt(rows)));
        })];
    }

    /// <summary>Until when the P99 fit of <paramref name="query"/> on <paramref name="variant"/> stays under <paramref name="targetMs"/>.</summary>
    public static HeadroomProjection Headroom(SchemaVariant variant, string query, GrowthFit p99Fit, double targetMs, GrowthAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(p99Fit);
        ArgumentNullException.ThrowIfNull(assumptions);
        var horizonRows = assumptions.RowsOn(assumptions.EndDate);
        var atHorizon = p99Fit.Predict(Math.Max(horizonRows, 1));
        var rowsAtTarget = p99Fit.RowsReaching(targetMs);
        if (rowsAtTarget is null)
        {
            return new HeadroomProjection(variant, query, p99Fit, null, null, atHorizon, p99Fit.Model == GrowthModel.Constant || p99Fit.Slope <= 0 ? HeadroomStatus.NoGrowth : HeadroomStatus.BeyondHorizon);
        }

        if (rowsAtTarget <= Math.Max(assumptions.StartRows, 1))
        {
            return new HeadroomProjection(variant, query, p99Fit, rowsAtTarget, assumptions.StartDate, atHorizon, HeadroomStatus.AlreadyOver);
        }

        var date = assumptions.DateReaching(rowsAtTarget.Value);
        var status = date is { } d && d <= assumptions.EndDate ? HeadroomStatus.ReachedWithinHorizon : HeadroomStatus.BeyondHorizon;
        return new HeadroomProjection(variant, query, p99Fit, rowsAtTarget, date, atHorizon, status);
    }
}
