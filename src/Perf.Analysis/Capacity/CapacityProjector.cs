namespace Perf.Analysis.Capacity;

/// <summary>Projects rows, disk and latency headroom from the fits and the reader's numbers.</summary>
public static class CapacityProjector
{
    /// <summary>How many times the largest measured size a projection may reach before it is called an extrapolation.</summary>
    public const double ExtrapolationFactor = 4;

    /// <summary>True when <paramref name="rows"/> lies beyond <see cref="ExtrapolationFactor"/> × the largest measured size: what is said there is an extrapolation, and must say so.</summary>
    public static bool IsExtrapolation(double rows, long measuredRows) => rows > ExtrapolationFactor * measuredRows;

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

    /// <summary>Projects <paramref name="measured"/> (the query at the largest size) with its work growth: time per row examined × projected rows examined.</summary>
    /// <remarks>
    /// Latency is taken as proportional to the work, which overstates a query's fixed cost as its work grows (a conservative
    /// projection). The band comes from the percentile's interval; a query whose work does not grow is never projected to cross.
    /// Each percentile the samples bound (p95, p99) is projected against its own target, and the one with the least headroom is
    /// kept: a p95 over 500 ms misses the targets however far under 1 s the p99 is.
    /// </remarks>
    /// <param name="sizes">Every size the query was measured at, smallest first (the last is <paramref name="measured"/>): a horizon inside their range takes its latency from them (<see cref="LatencyAt"/>). Null: the largest alone.</param>
    /// <param name="error">The model error the report's hold-outs measured (<see cref="ModelError"/>): beyond the largest size the band widens by it, and the crossing comes from the widened upper end. Null: the sampling band alone.</param>
    /// <param name="tests">The report's target calls, which say whether <paramref name="measured"/> is already over a target (<see cref="TargetTests"/>), and the targets.</param>
    public static LatencyProjection Latency(WorkGrowth work, long measuredRows, QueryMeasurement measured, TargetTests tests, GrowthAssumptions assumptions, IReadOnlyList<(long TradeRows, QueryMeasurement Query)>? sizes = null, ModelError? error = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(assumptions);
        sizes ??= [(measuredRows, measured)];
        var projections = TargetTests.Percentiles.Reverse()
            .Select(p => (Estimate: measured.Estimate(p), Target: tests.TargetMs(p), Over: tests.IsOver(measured, p)))
            .Where(p => p.Estimate.IsBounded)
            .Select(p => Project(work, measuredRows, measured, sizes, p.Estimate, p.Target, p.Over, assumptions, error))
            .ToList();
        // The least headroom first; on a tie the higher percentile (listed first), as before both were projected.
        var projection = projections.Count == 0
            ? new LatencyProjection(work.Variant, work.Query, 0, tests.TargetMs(95), measuredRows, measured.Estimate(95), work, double.NaN, double.NaN, double.NaN, null, null, false, HeadroomStatus.NotSupported)
            : projections.OrderBy(p => Severity(p.Status)).ThenBy(p => p.RowsAtTarget ?? double.PositiveInfinity).First();
        return projection with { ServedByApi = measured.ServedByApi };
    }

    /// <summary>How little headroom a status leaves: over already first, never crossing last.</summary>
    private static int Severity(HeadroomStatus status) => status switch
    {
        HeadroomStatus.AlreadyOver => 0,
        HeadroomStatus.MayBeOver => 1,
        HeadroomStatus.ReachedWithinHorizon or HeadroomStatus.ModelErrorReaches => 2,
        HeadroomStatus.BeyondHorizon => 3,
        HeadroomStatus.GrowthNotBounded => 4,
        _ => 5,
    };

    /// <summary>One bounded percentile projected against its target; <paramref name="over"/>: the report calls it over the target already.</summary>
    private static LatencyProjection Project(WorkGrowth work, long measuredRows, QueryMeasurement measured, IReadOnlyList<(long TradeRows, QueryMeasurement Query)> sizes, QuantileEstimate estimate, double target, bool over, GrowthAssumptions assumptions, ModelError? error)
    {
        var horizonRows = Math.Max(assumptions.RowsOn(assumptions.EndDate), 1);
        var upper = estimate.Upper!.Value;
        // Inside the measured range the sizes on either side give the horizon's band; where they cannot, the largest's.
        var (atHorizon, atHorizonLower, atHorizonUpper) = LatencyAt(work, sizes, estimate.Percentile, horizonRows, error) ?? Scaled(work, measured, measuredRows, estimate.Percentile, horizonRows, error)!.Value;
        HeadroomStatus status;
        double? rowsAtTarget = null;
        DateOnly? date = null;
        if (over)
        {
            status = HeadroomStatus.AlreadyOver;
        }
        else if (!work.Grows)
        {
            status = work.Rows.Best.Model == GrowthModel.Constant ? HeadroomStatus.NoGrowth : HeadroomStatus.GrowthNotBounded;
        }
        else
        {
            // The earliest crossing: where the band's upper end (the model error's included) reaches the target.
            rowsAtTarget = upper >= target ? measuredRows : UpperReaching(work, measured, measuredRows, upper, target, error);
            date = rowsAtTarget is { } r ? assumptions.DateReaching(r) : null;
            status = date is { } d && d <= assumptions.EndDate ? HeadroomStatus.ReachedWithinHorizon : HeadroomStatus.BeyondHorizon;
        }

        // The band never shrinks below the measured one (the work is never projected below what was measured), so an
        // interval straddling the target now straddles it at the horizon too: it cannot be said to stay under it.
        if ((status is HeadroomStatus.BeyondHorizon or HeadroomStatus.NoGrowth or HeadroomStatus.GrowthNotBounded) && !estimate.IsUnder(target))
        {
            status = HeadroomStatus.MayBeOver;
        }
        else if (status == HeadroomStatus.NoGrowth && atHorizonUpper >= target)
        {
            // Measured under the target at constant work: only the model error, beyond the largest size, carries the band
            // to it. That is neither "may be over" nor "never": it says where the widened band reaches the target.
            rowsAtTarget = horizonRows > measuredRows ? UpperReaching(work, measured, measuredRows, upper, target, error) : null;
            date = rowsAtTarget is { } r ? assumptions.DateReaching(r) : null;
            status = date is not null ? HeadroomStatus.ModelErrorReaches : HeadroomStatus.MayBeOver;
        }

        var extrapolated = rowsAtTarget is { } crossing && IsExtrapolation(crossing, measuredRows);
        return new LatencyProjection(work.Variant, work.Query, estimate.Percentile, target, measuredRows, estimate, work, atHorizon, atHorizonLower, atHorizonUpper, rowsAtTarget, date, extrapolated, status);
    }

    /// <summary>The <paramref name="percentile"/> of <paramref name="measured"/> (the largest size, <paramref name="measuredRows"/> trade rows) scaled to <paramref name="rows"/> trade rows by its work growth, with its band widened by <paramref name="error"/>; null when the samples cannot bound it.</summary>
    /// <remarks>Work at a size is the fit when the work grows; constant work keeps what was measured; growth the data cannot bound (two sizes, or a slope interval including zero) widens the band from no growth up to the fit.</remarks>
    private static (double Value, double Lower, double Upper)? Scaled(WorkGrowth work, QueryMeasurement measured, long measuredRows, double percentile, double rows, ModelError? error)
    {
        var estimate = measured.Estimate(percentile);
        if (!estimate.IsBounded)
        {
            return null;
        }

        var fitted = Fitted(work, measured, rows);
        var (lowerBy, upperBy) = error?.Factors(rows, measuredRows) ?? (1, 1);
        // Growth the data cannot bound spans the band from no growth (its lower end) to the fitted growth (its value and upper end).
        return (estimate.Value!.Value * fitted, estimate.Lower!.Value * (work.Grows ? fitted : 1) * lowerBy, estimate.Upper!.Value * fitted * upperBy);
    }

    /// <summary>The trade rows at which <paramref name="upper"/> (the band's upper end at <paramref name="measuredRows"/>) scaled by the work and the model error reaches <paramref name="target"/>; null when it never does.</summary>
    private static double? UpperReaching(WorkGrowth work, QueryMeasurement measured, long measuredRows, double upper, double target, ModelError? error)
    {
        if (error is null || error.UpperExponent == 0)
        {
            // The work alone scales the band: it reaches the target when the work reaches target / (upper / work). Never
            // before the size measured, whose band lies under the target: a fit above the work measured there would put the
            // crossing below it (as WorkAt never projects the work below what was measured).
            return work.Rows.Best.RowsReaching(target / upper * Math.Max(measured.RowsExamined, 1)) is { } rows ? Math.Max(rows, measuredRows) : null;
        }

        double At(double rows) => upper * Fitted(work, measured, rows) * error.Factors(rows, measuredRows).Upper;
        var (below, above) = ((double)measuredRows, 2.0 * measuredRows);
        while (At(above) < target)
        {
            (below, above) = (above, above * 2);
            if (above > MaxRows)
            {
                return null;
            }
        }

        // Both factors grow with the rows, so halving the bracket on a log scale converges on the crossing.
        for (var i = 0; i < 60; i++)
        {
            var middle = Math.Sqrt(below * above);
            (below, above) = At(middle) >= target ? (below, middle) : (middle, above);
        }

        return above;
    }

    /// <summary>Beyond this many trade rows a crossing is not sought: no horizon reaches it.</summary>
    private const double MaxRows = 1e18;

    /// <summary>
    /// A query's percentile with its band at <paramref name="rows"/> trade rows from every size it was measured at
    /// (<paramref name="sizes"/>, smallest first): beyond the largest, projected from it by work growth
    /// (<see cref="Scaled"/>, the band widened by <paramref name="error"/>); between two sizes, interpolated from them
    /// (<see cref="Between"/>); below the smallest, the smallest's. Null when the samples there cannot bound it.
    /// </summary>
    public static (double Value, double Lower, double Upper)? LatencyAt(WorkGrowth work, IReadOnlyList<(long TradeRows, QueryMeasurement Query)> sizes, double percentile, double rows, ModelError? error = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(sizes);
        if (rows >= sizes[^1].TradeRows)
        {
            return Scaled(work, sizes[^1].Query, sizes[^1].TradeRows, percentile, rows, error);
        }

        if (rows <= sizes[0].TradeRows)
        {
            return sizes[0].Query.Estimate(percentile) is { IsBounded: true } smallest ? (smallest.Value!.Value, smallest.Lower!.Value, smallest.Upper!.Value) : null;
        }

        var above = 1;
        while (sizes[above].TradeRows <= rows)
        {
            above++;
        }

        return Between(sizes[above - 1].TradeRows, sizes[above - 1].Query, sizes[above].TradeRows, sizes[above].Query, percentile, rows);
    }

    /// <summary>
    /// The <paramref name="percentile"/> at <paramref name="rows"/> trade rows between two measured sizes, interpolated from the
    /// sizes on either side (each end of the band on log scales of rows and milliseconds); null when either size cannot bound it.
    /// </summary>
    /// <remarks>
    /// Inside the measured range the measurements themselves say more than work growth × time per row from the largest size:
    /// the time per row examined differs from size to size (what the buffer pool holds, fixed costs), so the largest size's
    /// time per row scaled down would put its own latency on every smaller size. At a measured size this is that size's band.
    /// </remarks>
    public static (double Value, double Lower, double Upper)? Between(long belowRows, QueryMeasurement below, long aboveRows, QueryMeasurement above, double percentile, double rows)
    {
        ArgumentNullException.ThrowIfNull(below);
        ArgumentNullException.ThrowIfNull(above);
        if (belowRows <= 0 || aboveRows <= belowRows || rows < belowRows || rows > aboveRows)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"Interpolates between {belowRows} and {aboveRows} rows only.");
        }

        var (low, high) = (below.Estimate(percentile), above.Estimate(percentile));
        if (!low.IsBounded || !high.IsBounded)
        {
            return null;
        }

        var x = Math.Log(rows / belowRows) / Math.Log((double)aboveRows / belowRows);
        return (Geometric(low.Value!.Value, high.Value!.Value), Geometric(low.Lower!.Value, high.Lower!.Value), Geometric(low.Upper!.Value, high.Upper!.Value));

        double Geometric(double a, double b) => a <= 0 || b <= 0 ? a + ((b - a) * x) : Math.Exp(Math.Log(a) + ((Math.Log(b) - Math.Log(a)) * x));
    }

    /// <summary>The one-sided lower bound of the <paramref name="percentile"/> (<see cref="QuantileEstimate.AtLeast"/>) scaled to <paramref name="rows"/> as <see cref="Scaled"/> scales its band's lower end (<paramref name="measured"/> is the largest size, <paramref name="measuredRows"/> trade rows); null with too few samples even for that.</summary>
    /// <remarks>What can still be said of a percentile whose samples are too few for an interval: it is at least this.</remarks>
    public static double? AtLeastAt(WorkGrowth work, QueryMeasurement measured, long measuredRows, double percentile, double rows, ModelError? error = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(measured);
        return measured.Estimate(percentile).AtLeast * (work.Grows ? Fitted(work, measured, rows) : 1) * (error?.Factors(rows, measuredRows).Lower ?? 1);
    }

    /// <summary>Rows examined at <paramref name="rows"/> trade rows as the projections take them: the fit where the work grows, never below what <paramref name="measured"/> examined; what it examined for constant work.</summary>
    public static double WorkAt(WorkGrowth work, QueryMeasurement measured, double rows)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(measured);
        return work.Rows.Best.Model == GrowthModel.Constant ? measured.RowsExamined : Math.Max(work.Rows.Best.Predict(Math.Max(rows, 1)), measured.RowsExamined);
    }

    /// <summary>The work at <paramref name="rows"/> over the work measured, never below 1: the fit when the work grows, 1 for constant work.</summary>
    private static double Fitted(WorkGrowth work, QueryMeasurement measured, double rows) =>
        Math.Max(WorkAt(work, measured, rows), 1) / Math.Max(measured.RowsExamined, 1);
}
