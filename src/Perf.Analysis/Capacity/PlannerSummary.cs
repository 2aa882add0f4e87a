using Telemetry.Data.Schema;
using static Perf.Analysis.Capacity.ReportFormat;
using Perf.Harness.Reports;

namespace Perf.Analysis.Capacity;

/// <summary>The report's first screen for a capacity planner: per variant, rows and disk at year 1, the middle of the horizon and its end, the worst query's latency there, capacity and a verdict.</summary>
public static class PlannerSummary
{
    /// <summary>The years the first screen shows: 1, the middle of the horizon (rounded up) and the horizon (<c>--years</c>), never beyond it; the horizon alone when it is a year or less.</summary>
    internal static IReadOnlyList<(double Year, DateOnly Date)> YearsOf(GrowthAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        var horizon = assumptions.Years;
        double[] years = horizon <= 1 ? [horizon] : [1, Math.Ceiling(horizon / 2), horizon];
        return [.. years.Distinct().Select(y => (y, y == horizon ? assumptions.EndDate : assumptions.StartDate.AddYears((int)y)))];
    }

    /// <summary>
    /// One profile in the sweep beside one of the reader's, at the same total rows; null when the sweep did not record its
    /// profiles. Every query reads one profile, while sizes are matched to the reader's data by total rows.
    /// </summary>
    public static string? ProfileShape(CapacityData data, GrowthAssumptions reader)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(reader);
        // A reader who adds no rows has no dates to qualify, and no daily rate to compare a window with.
        if (data.SeedProfiles is not { } profiles || data.SeedTradesPerProfilePerDay is not { } perDay || reader.TradesPerDayPerProfile <= 0)
        {
            return null;
        }

        // At the same total, a profile's history scales with the other side's profile count; a window's rows with its daily rate.
        var (history, window) = ((double)reader.Profiles / profiles, perDay / reader.TradesPerDayPerProfile);
        var text = $"Sizes are matched to your data by total trade rows, and every query reads one profile. The sweep seeded {profiles} profiles at {Number(perDay)} trades per profile per calendar day; you have {reader.Profiles} at {Number(reader.TradesPerDayPerProfile)}. At the same total, one of its profiles holds {Number(history, 2)}× the history one of yours does, and a day, week or month of it {Number(window, 2)}× your rows.";
        return history is >= 0.8 and <= 1.25 && window is >= 0.8 and <= 1.25
            ? text + " Within 1.25× either way: the sizes stand for your profiles too."
            : text + $" A query that follows one profile's history or a window's rows was measured on {(history > 1 ? "deeper" : "shallower")} histories and {(window > 1 ? "fuller" : "emptier")} windows than yours will have at those totals: its dates are those of the total rows, not of what one of your profiles holds (seed with --seed-profiles {reader.Profiles} and --seed-trades-per-day near {Number(reader.TradesPerTradingDay(reader.Profiles))} to match, as a sweep does by default).";
    }

    /// <summary>The first screen's table, or null without the reader's numbers.</summary>
    public static ReportTable? Build(CapacityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Assumptions is not { } a || analysis.Storage.Count == 0)
        {
            return null;
        }

        var years = YearsOf(a);
        var rows = years.Select(y => a.RowsOn(y.Date)).ToList();
        var largest = analysis.Data.Measurements.Max(m => m.TradeRows);
        var smallest = analysis.Data.Measurements.Min(m => m.TradeRows);
        List<string> header = ["variant", .. years.Select((y, i) => $"{Number(y.Year)} y: {Rows(rows[i])} rows{(CapacityProjector.IsExtrapolation(rows[i], largest) ? " (extrapolated)" : string.Empty)}"), "capacity", "verdict"];
        var table = new List<IReadOnlyList<string>>();
        foreach (var storage in analysis.Storage)
        {
            var cells = new List<string> { storage.Variant.ToString() };
            var worstByYear = new List<WorstQuery>();
            for (var i = 0; i < years.Count; i++)
            {
                var worst = Worst(analysis, storage.Variant, 95, rows[i]);
                var p99 = Worst(analysis, storage.Variant, 99, rows[i]);
                // Below the smallest size nothing was measured: the smallest's figures stand in, and say so.
                var measuredAt = rows[i] < smallest ? $"as measured at {Rows(smallest)}, the smallest size: " : string.Empty;
                cells.Add($"{Bytes(storage.BytesAt(rows[i]))}; {measuredAt}worst p95 {Describe(worst, analysis.Data.Targets.P95Ms)}; p99 {Describe(p99, analysis.Data.Targets.P99Ms)}");
                worstByYear.Add(worst);
            }

            var capacity = analysis.Data.For(storage.Variant).LastOrDefault(m => m.CapacityRps is not null);
            cells.Add(capacity is null ? "not measured" : capacity.CapacityRps > 0 ? $"{CapacityReportBuilder.CapacityText(capacity)} req/s at {Rows(capacity.TradeRows)}" : "0 (lowest rate failed)");
            cells.Add(Verdict(analysis, storage.Variant, years, rows, worstByYear));
            table.Add(cells);
        }

        return new ReportTable(header, table);
    }

    /// <summary>
    /// The query whose projected percentile's upper end is highest at <paramref name="rows"/>; of the queries whose samples
    /// are too few for an interval, how many there are and the one whose lower bound is highest.
    /// </summary>
    private static WorstQuery Worst(CapacityAnalysis analysis, SchemaVariant variant, double percentile, double rows)
    {
        var projected = new List<(string Query, (double Value, double Lower, double Upper) Latency)>();
        var floors = new List<(string Query, double AtLeast, bool Called)>();
        var missing = 0;
        foreach (var growth in analysis.Growth.Where(g => g.Variant == variant))
        {
            var sizes = analysis.Data.SizesOf(variant, growth.Query);
            var measured = sizes[^1].Query;
            if (!measured.ServedByApi)
            {
                continue;
            }

            if (CapacityProjector.LatencyAt(growth, sizes, percentile, rows, analysis.ModelError) is { } latency)
            {
                projected.Add((growth.Query, latency));
                continue;
            }

            // A lower bound holds only where that much data was measured: beyond the largest size it grows with the work,
            // below it the largest size measured at or under these rows gives it, and below the smallest there is none.
            missing++;
            var from = rows >= sizes[^1].TradeRows ? measured : sizes.LastOrDefault(m => m.TradeRows <= rows).Query;
            var atLeast = rows >= sizes[^1].TradeRows
                ? CapacityProjector.AtLeastAt(growth, measured, sizes[^1].TradeRows, percentile, rows, analysis.ModelError)
                : from?.Estimate(percentile).AtLeast;
            // A p99 is never under the p95: where the p95 has a band here (72 samples bound it, 368 a p99), its lower end is a floor too.
            var belowIt = percentile > 95 ? CapacityProjector.LatencyAt(growth, sizes, 95, rows, analysis.ModelError)?.Lower : null;
            if (new[] { atLeast, belowIt }.Max() is { } bound)
            {
                // The measured lower bound itself is the report's call only when its family calls it over (TargetTests); a
                // band, or growth projected past what was measured, is a projection's claim, as a band's crossing is.
                var called = from is null || bound > from.Estimate(percentile).AtLeast || analysis.TargetTests.IsOver(from, percentile);
                floors.Add((growth.Query, bound, called));
            }
        }

        var worst = projected.Count == 0 ? ((string Query, (double Value, double Lower, double Upper) Latency)?)null : projected.MaxBy(p => p.Latency.Upper);
        var floor = floors.Count == 0 ? ((string Query, double AtLeast, bool Called)?)null : floors.MaxBy(f => f.AtLeast);
        var claimed = floors.Where(f => f.Called).Select(f => ((string Query, double AtLeast, bool Called)?)f).MaxBy(f => f!.Value.AtLeast);
        return new WorstQuery(worst?.Query, worst?.Latency, missing, floor?.Query, floor?.AtLeast, claimed?.Query, claimed?.AtLeast);
    }

    /// <summary>The worst bounded band, led by the highest lower bound of an unbounded one when that is above the band; its figures read on their side of <paramref name="targetMs"/>.</summary>
    private static string Describe(WorstQuery worst, double targetMs)
    {
        var band = worst.Latency is { } l ? $"{Band(l.Value, l.Lower, l.Upper, targetMs)} (`{worst.Query}`)" : null;
        var unbounded = $"{worst.Missing} {(worst.Missing == 1 ? "query" : "queries")} with too few samples for an interval";
        if (worst.AtLeast is { } atLeast && (worst.Latency is not { } bounded || atLeast > bounded.Upper))
        {
            return $"≥ {Ms(atLeast, targetMs)} (`{worst.FloorQuery}`; {unbounded}){(band is null ? string.Empty : $", of the bounded: {band}")}";
        }

        return band is null ? "not supported by the samples" : worst.Missing > 0 ? $"{band} ({unbounded})" : band;
    }

    /// <summary>The variant's verdict from its projections and <paramref name="worstByYear"/> (one per year of <paramref name="years"/>, which hold <paramref name="rows"/>).</summary>
    private static string Verdict(CapacityAnalysis analysis, SchemaVariant variant, IReadOnlyList<(double Year, DateOnly Date)> years, List<double> rows, IReadOnlyList<WorstQuery> worstByYear)
    {
        var targets = analysis.Data.Targets;
        // The year whose worst band reaches highest, not the last: timings need not grow with size (an interpolated year
        // can sit above the largest size's), and the verdict speaks for every year.
        var peak = Enumerable.Range(0, worstByYear.Count).MaxBy(i => worstByYear[i].Latency?.Upper ?? double.NegativeInfinity);
        var worst = worstByYear[peak];
        // A band far past the largest size measured is a projection of the fit, and the sentence quoting it says so, as the table's header does.
        var largest = analysis.Data.For(variant).Max(m => m.TradeRows);
        var far = CapacityProjector.IsExtrapolation(rows[peak], largest) ? $"extrapolated to {Ratio(rows[peak] / largest)} the largest size measured" : null;
        // Only what the API serves is held to the targets: the full scan is contrast, whatever its projection.
        var projections = analysis.Projections.Where(p => p.Variant == variant && p.ServedByApi).ToList();
        // Every cause is weighed before one is named: a miss within the horizon outranks a query over only at a size the
        // data never reaches in it ("at risk"), whichever comes first.
        var over = projections.Where(p => p.Status is HeadroomStatus.AlreadyOver or HeadroomStatus.ReachedWithinHorizon)
            .OrderBy(p => p.DateAtTarget ?? DateOnly.MinValue)
            .Select(p => p.Status == HeadroomStatus.AlreadyOver
                ? Over(analysis, years, p)
                : (Misses: true, Text: $"misses the targets: `{p.Query}` may reach p{Number(p.Percentile, 0)} {Ms(p.TargetMs)} around {Date(p.DateAtTarget!.Value)}{(p.IsExtrapolation ? " (extrapolated)" : string.Empty)}"))
            .ToList();
        if (over.FirstOrDefault(o => o.Misses).Text is { } missed)
        {
            return missed;
        }

        // Too few samples for an interval can still put a query over the target: its p95 is at least the lower bound, from the first year it is.
        var floorOver = Enumerable.Range(0, years.Count).FirstOrDefault(i => worstByYear[i].CalledAtLeast >= targets.P95Ms, -1);
        if (floorOver >= 0)
        {
            var first = worstByYear[floorOver];
            return $"misses the targets: `{first.CalledFloorQuery}`'s p95 is at least {Ms(first.CalledAtLeast!.Value, targets.P95Ms)} by year {Number(years[floorOver].Year)} (a lower bound: too few samples for an interval; target {Ms(targets.P95Ms)})";
        }

        // A query that ran past the command timeout is over the targets (its one time a lower bound), however few samples it
        // has; a capacity search whose lowest rate failed is direct evidence, whatever the per-query samples can support.
        // Either misses the targets where the reader's data reaches that size within the horizon; beyond it, it is a risk.
        var a = analysis.Assumptions!;
        var direct = new List<(long TradeRows, string What)>();
        if (analysis.Data.For(variant).SelectMany(m => m.Queries.Where(q => q.ServedByApi && q.TimedOut).Select(q => (Measurement: m, Query: q))).FirstOrDefault() is { Query: { } timedOut } at)
        {
            direct.Add((at.Measurement.TradeRows, $"`{timedOut.Query}` ran past the command timeout at {Rows(at.Measurement.TradeRows)} trade rows ({Ms(timedOut.RoundsMs.SelectMany(r => r).Max())})"));
        }

        if (analysis.Data.For(variant).LastOrDefault(m => m.CapacityRps is not null) is { CapacityRps: 0 } failed)
        {
            direct.Add((failed.TradeRows, $"at {Rows(failed.TradeRows)} trade rows the load runner's lowest rate already missed p95 or p99"));
        }

        if (direct.FirstOrDefault(d => DateWithin(a, d.TradeRows) is not null).What is { } within)
        {
            return $"misses the targets: {within}";
        }

        if (over.Count > 0)
        {
            return over[0].Text;
        }

        if (direct.Count > 0)
        {
            return $"at risk: {direct[0].What}, more than your data holds in {YearsText(a.Years)}";
        }

        // A measured lower bound reaching the target alone, but not among the report's calls, may be over: not met, not missed.
        var floorAlone = Enumerable.Range(0, years.Count).FirstOrDefault(i => worstByYear[i].AtLeast >= targets.P95Ms, -1);
        if (floorAlone >= 0)
        {
            var first = worstByYear[floorAlone];
            return $"at risk: `{first.FloorQuery}`'s p95 is at least {Ms(first.AtLeast!.Value, targets.P95Ms)} by year {Number(years[floorAlone].Year)} by its lower bound alone, not among the report's calls over the target (Holm over {Number(analysis.TargetTests.Count, 0)}; target {Ms(targets.P95Ms)})";
        }

        if (worst.Latency is not { } w)
        {
            return $"cannot tell: no p95 is supported (needs ≥ {OrderStatistics.SamplesNeeded(95)} samples per query)";
        }

        if (w.Upper >= targets.P95Ms)
        {
            return $"at risk: `{worst.Query}`'s p95 band reaches {Ms(w.Upper, targets.P95Ms)} by year {Number(years[peak].Year)}{(far is null ? string.Empty : $", {far}")} (target {Ms(targets.P95Ms)}){analysis.GrowthOf(variant, worst.Query!) switch
            {
                { Rows.Best.Model: GrowthModel.Constant } => "; its work does not grow: beyond the largest size only the model error widens its band",
                { Grows: false } => $"; its growth is not bounded: {UnboundedGrowth(analysis, variant)}",
                _ => string.Empty,
            }}";
        }

        // What the bands say covers only the queries they bound; the others are named with what their samples do show.
        var floorWorst = worstByYear.MaxBy(x => x.AtLeast ?? double.NegativeInfinity)!;
        var unbounded = worst.Missing == 0 ? string.Empty
            : $"; {worst.Missing} {(worst.Missing == 1 ? "query has" : "queries have")} too few samples for a p95 interval{(floorWorst.AtLeast is { } floor ? $" (lower bounds up to {Ms(floor, targets.P95Ms)}, `{floorWorst.FloorQuery}`)" : string.Empty)}";
        var peakYear = (peak == years.Count - 1 ? string.Empty : $", year {Number(years[peak].Year)}") + (far is null ? string.Empty : $"; {far}");
        var ungrown = projections.Count(p => p.Status == HeadroomStatus.GrowthNotBounded);
        return ungrown > 0
            ? $"under p95 {Ms(targets.P95Ms)} through {YearsText(years[^1].Year)} by every band (worst upper bound {Ms(w.Upper, targets.P95Ms)}, `{worst.Query}`{peakYear}){unbounded}, but {ungrown} {(ungrown == 1 ? "query's" : "queries'")} work growth is not bounded: {UnboundedGrowth(analysis, variant)}"
            : $"meets p95 < {Ms(targets.P95Ms)} through {YearsText(years[^1].Year)}: worst upper bound {Ms(w.Upper, targets.P95Ms)} (`{worst.Query}`{peakYear}){unbounded}";
    }

    /// <summary>What to do about work growth the sizes cannot bound: measure more sizes when fewer than three were, else what the band then spans.</summary>
    private static string UnboundedGrowth(CapacityAnalysis analysis, SchemaVariant variant)
    {
        var sizes = analysis.Data.For(variant).Count;
        return sizes < 3
            ? "measure ≥ 3 sizes before relying on it"
            : $"over the {sizes} sizes measured the slope interval includes zero, so the band runs from no growth to the fitted growth";
    }

    /// <summary>
    /// The verdict on a query measured over its target: "already" only when the reader's data holds that many rows today;
    /// otherwise the first year at or above the smallest size measured whose band (<see cref="CapacityProjector.LatencyAt"/>) is over the
    /// target, or when the data reaches the size measured; not a miss (<c>Misses</c> false, "at risk") when the data never reaches it within the horizon.
    /// </summary>
    private static (bool Misses, string Text) Over(CapacityAnalysis analysis, IReadOnlyList<(double Year, DateOnly Date)> years, LatencyProjection over)
    {
        var a = analysis.Assumptions!;
        var percentile = $"p{Number(over.Percentile, 0)} {Ms(over.TargetMs)}";
        var at = $"at {Rows(over.MeasuredRows)} trade rows measured";
        if (a.HoldsToday(over.MeasuredRows))
        {
            return (true, $"misses the targets: `{over.Query}` is over {percentile} already ({at})");
        }

        var sizes = analysis.Data.SizesOf(over.Variant, over.Query);
        var reaches = DateWithin(a, over.MeasuredRows) is { } date ? $", which your data reaches around {Date(date)}" : null;
        foreach (var (year, day) in years)
        {
            // A year below the smallest size measured has only that size's figures: no evidence of when it crosses.
            var rows = a.RowsOn(day);
            if (rows >= sizes[0].TradeRows && CapacityProjector.LatencyAt(over.Work, sizes, over.Percentile, rows, analysis.ModelError) is { } band && band.Lower >= over.TargetMs)
            {
                return (true, $"misses the targets: `{over.Query}` is over {percentile} by year {Number(year)}: {Band(band.Value, band.Lower, band.Upper, over.TargetMs)} (over {at}{(rows >= over.MeasuredRows ? reaches : null)})");
            }
        }

        return reaches is not null
            ? (true, $"misses the targets: `{over.Query}` is over {percentile} {at}{reaches}")
            : (false, $"at risk: `{over.Query}` is over {percentile} {at}, more than your data holds in {YearsText(a.Years)}");
    }

    /// <summary>When the reader's data holds <paramref name="rows"/> trade rows (today or later), or null when not within the horizon.</summary>
    private static DateOnly? DateWithin(GrowthAssumptions assumptions, double rows) => assumptions.DateReaching(rows) is { } date && date <= assumptions.EndDate ? date : null;

    /// <summary>"1 year", "5 years", "2.5 years".</summary>
    private static string YearsText(double years) => $"{Number(years)} {(years == 1 ? "year" : "years")}";

    /// <summary>A variant's worst query at one size and percentile (<see cref="Worst"/>).</summary>
    /// <param name="Query">The query whose projected band reaches highest, or null when no band is supported.</param>
    /// <param name="Latency">Its projected percentile with its band.</param>
    /// <param name="Missing">The queries whose samples are too few for an interval.</param>
    /// <param name="FloorQuery">Of those, the one with the highest lower bound.</param>
    /// <param name="AtLeast">That lower bound, projected.</param>
    /// <param name="CalledFloorQuery">The query of the highest floor that is a claim the report makes (<see cref="Worst"/>): not a measured lower bound that reaches a target only alone.</param>
    /// <param name="CalledAtLeast">That floor.</param>
    private sealed record WorstQuery(string? Query, (double Value, double Lower, double Upper)? Latency, int Missing, string? FloorQuery, double? AtLeast, string? CalledFloorQuery, double? CalledAtLeast);
}
