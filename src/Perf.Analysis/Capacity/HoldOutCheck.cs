using System.Text.Json.Serialization;
using static Perf.Analysis.Capacity.ReportFormat;

namespace Perf.Analysis.Capacity;

/// <summary>
/// The report's own method checked on its own data: the largest measured size held out, and what the smaller sizes project
/// there (work growth × time per row, with the band) set beside what it measured. How far the report's projections hold
/// on this machine and data is then measured, not assumed.
/// </summary>
/// <param name="HeldOutRows">The largest size measured, in trade rows: the one projected.</param>
/// <param name="FittedRows">The largest of the other sizes: the projections start there.</param>
/// <param name="Measurements">What the held-out size measured (warm); left out of <c>capacity.json</c>, whose data holds them already.</param>
/// <param name="Checks">One per (variant, query) measured at the held-out size and at a smaller one.</param>
public sealed record HoldOutCheck(long HeldOutRows, long FittedRows, [property: JsonIgnore] IReadOnlyList<VariantMeasurement> Measurements, IReadOnlyList<ProjectionCheck> Checks)
{
    /// <summary>The model error the projections' bands carry: what the fitted sizes' own hold-outs measured; null when they are too few (three sizes in all) or too few queries were compared.</summary>
    public ModelError? ModelError { get; init; }

    /// <summary>The control's change in each checked percentile from the largest fitted size's rounds to the held-out size's: how the speed of the same work moved between the two; empty when the sweep timed no control.</summary>
    public IReadOnlyList<ControlDrift> Drifts { get; init; } = [];

    /// <summary>The control's change in its p50s (<see cref="Drifts"/>), the speed the texts name; null when the sweep timed no control.</summary>
    [JsonIgnore]
    public ControlDrift? Drift => Drifts.FirstOrDefault(d => d.Percentile == 50);

    /// <summary>
    /// What the projections of <paramref name="percentile"/> were multiplied by to stand at the held-out size's machine
    /// speed: the control's median change in the same percentile where it shows one (<see cref="ControlDrift.Changed"/>)
    /// read wholly from memory (<see cref="ControlDrift.FromMemory"/>); else 1. A machine moves a tail by other than its
    /// median, so each percentile by its own: divided that way, two sweeps of the same data agreed on p95 growth between
    /// sizes where the machine's speed had moved 1.7–2.2× more closely, and came as close or closer to a sweep that timed
    /// every size in the same rounds (results/2026-12-06-interleaved-sizes); the check and the model error it calibrates
    /// then measure the method, not the machine's drift between sizes.
    /// </summary>
    public double SpeedAt(double percentile) => SpeedOf(Drifts, percentile);

    private static double SpeedOf(IReadOnlyList<ControlDrift> drifts, double percentile) =>
        drifts.FirstOrDefault(d => d.Percentile == percentile) is { Changed: true, FromMemory: true } drift ? drift.Typical : 1;

    /// <summary>Whether any percentile's projections were set to the held-out size's speed.</summary>
    private bool IsScaled => CheckedPercentiles.Any(p => SpeedAt(p) != 1);

    /// <summary>Whether every size was timed in the same interleaved rounds (<see cref="CapacityData.SizesInterleaved"/>): the held-out and the fitted sizes then ran at the same machine speed.</summary>
    public bool SizesInterleaved { get; init; }

    /// <summary>The percentiles checked: the median, and the two the targets name.</summary>
    public static readonly IReadOnlyList<double> CheckedPercentiles = [50, 95, 99];

    /// <summary>How close a projected work count must be to the measured one to count as met: within 10 % either way.</summary>
    public const double WorkTolerance = 1.1;

    /// <summary>The fewest sizes the check needs: the held-out one, and two to fit the growth from (one size fits no growth).</summary>
    public const int MinimumSizes = 3;

    /// <summary>
    /// Projects the largest size of <paramref name="data"/> from the others as the report does and sets its measurement beside
    /// it; null with fewer than <see cref="MinimumSizes"/> sizes. The band carries the model error the other sizes' own
    /// hold-outs measured (<see cref="ModelError.Calibrate"/>), as a report of those sizes would have: none below four sizes.
    /// </summary>
    public static HoldOutCheck? Of(CapacityData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sizes = data.Measurements.Select(m => m.TradeRows).Distinct().Order().ToList();
        return sizes.Count < MinimumSizes ? null : Of(data, ModelError.Calibrate(data with { Measurements = [.. data.Measurements.Where(m => m.TradeRows != sizes[^1])] }));
    }

    /// <summary>As <see cref="Of(CapacityData)"/>, with the bands widened by <paramref name="error"/> (null: the sampling band alone); null with fewer than <see cref="MinimumSizes"/> sizes.</summary>
    public static HoldOutCheck? Of(CapacityData data, ModelError? error)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sizes = data.Measurements.Select(m => m.TradeRows).Distinct().Order().ToList();
        if (sizes.Count < MinimumSizes)
        {
            return null;
        }

        var rows = sizes[^1];
        var drifts = CheckedPercentiles.Select(p => data.DriftBetween(sizes[^2], rows, p)).OfType<ControlDrift>().ToList();
        var fitted = data with { Measurements = [.. data.Measurements.Where(m => m.TradeRows != rows)] };
        var heldOut = data.Measurements.Where(m => m.TradeRows == rows).ToList();
        var target = data.Targets.P95Ms;
        var checks = new List<ProjectionCheck>();
        foreach (var work in CapacityAnalysis.FitGrowth(fitted))
        {
            var measured = heldOut.FirstOrDefault(m => m.Variant == work.Variant)?.Queries.FirstOrDefault(q => q.Query == work.Query);
            if (measured is null)
            {
                continue;
            }

            var sizesOf = fitted.SizesOf(work.Variant, work.Query);
            var percentiles = CheckedPercentiles
                .Select(p => (Band: CapacityProjector.LatencyAt(work, sizesOf, p, rows, error), Measured: measured.Estimate(p)))
                .Where(p => p.Band is not null && p.Measured.IsBounded)
                .Select(p => new PercentileCheck(p.Measured.Percentile, p.Band!.Value.Value, p.Band.Value.Lower, p.Band.Value.Upper, p.Measured).Scaled(SpeedOf(drifts, p.Measured.Percentile)))
                .ToList();
            var measuredP95 = measured.Estimate(95);
            var standing = measuredP95.IsOver(target) ? TargetStanding.Over : measuredP95.IsUnder(target) ? TargetStanding.Within : TargetStanding.Undecided;
            checks.Add(new ProjectionCheck(work.Variant, work.Query, CapacityProjector.WorkAt(work, sizesOf[^1].Query, rows), measured.RowsExamined, percentiles, ProjectedStanding(work, sizesOf, rows, target / SpeedOf(drifts, 95), error), standing));
        }

        return new HoldOutCheck(rows, sizes[^2], heldOut, checks) { ModelError = error, Drifts = drifts, SizesInterleaved = data.SizesInterleaved };
    }

    /// <summary>The p95 target as the projection calls it at <paramref name="rows"/>: by the band, or, where the samples bound no p95, over when the projected lower bound is (a query run once a round because it was over the target); null when neither says. <paramref name="target"/> is over the p95's speed factor: the projection at the held-out size's speed against the target.</summary>
    private static TargetStanding? ProjectedStanding(WorkGrowth work, IReadOnlyList<(long TradeRows, QueryMeasurement Query)> sizes, long rows, double target, ModelError? error)
    {
        if (CapacityProjector.LatencyAt(work, sizes, 95, rows, error) is { } band)
        {
            return band.Upper < target ? TargetStanding.Within : band.Lower >= target ? TargetStanding.Over : TargetStanding.Undecided;
        }

        return CapacityProjector.AtLeastAt(work, sizes[^1].Query, sizes[^1].TradeRows, 95, rows, error) >= target ? TargetStanding.Over : null;
    }

    /// <summary>The held-out size's measurement of <paramref name="check"/>'s query on its variant.</summary>
    public QueryMeasurement MeasurementOf(ProjectionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Measurements.First(m => m.Variant == check.Variant).Queries.First(q => q.Query == check.Query);
    }

    /// <summary>The check in one paragraph, for the first screen: how far the largest size's p95 was from its projection, and whether the target calls held.</summary>
    public string Summary(LatencyTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var size = Rows(HeldOutRows);
        var p95 = Checks.Select(c => c.At(95)).OfType<PercentileCheck>().ToList();
        var missed = Calls(TargetStanding.Within, TargetStanding.Over);
        var spread = p95.Count == 0 ? "no p95 was bounded on both sides to compare"
            : $"{size}'s p95 came out at {Spread(p95)}: {p95.Count(p => p.Outcome == ProjectionOutcome.Held)} of {p95.Count} inside the band ({BandMeaning}), {p95.Count(p => p.Outcome == ProjectionOutcome.Above)} above it";
        var calls = $"the p95 < {Ms(targets.P95Ms)} calls agreed for {AgreeingCalls} of {Called.Count()} queries, "
            + (missed.Count == 0 ? $"and no projection said under where {size} measured over" : $"and {Named(missed)} projected under measured over");
        var machine = Drift is { } drift && (drift.Changed || IsScaled)
            ? $" The control ran {drift} as long beside {size} as beside {Rows(FittedRows)} (its p50s){(drift.Changed ? ": the same work ran at another speed there" : string.Empty)}; {Sensitivity()}."
            : string.Empty;
        return $"Projections beyond the largest size measured, checked on this data (\"How far the projections hold\"): projected from the sizes up to {Rows(FittedRows)}, {spread}; {calls}.{machine}";
    }

    /// <summary>What the control's change did to the check: each percentile's projections set to the held-out size's speed by its change in that percentile, with how many p95s held without; or, where the control read pages from disk, not set, with how many would have held.</summary>
    private string Sensitivity()
    {
        var p95 = Checks.Select(c => c.At(95)).OfType<PercentileCheck>().ToList();
        var held = p95.Count(p => p.Outcome == ProjectionOutcome.Held);
        if (IsScaled)
        {
            var factors = string.Join(", ", CheckedPercentiles.Where(p => SpeedAt(p) != 1).Select(p => $"p{Number(p, 0)} ×{Number(SpeedAt(p), 2)}"));
            var set = $"each percentile's projections are set to that size's speed by the control's change in the same percentile ({factors})";
            return p95.Count == 0
                ? $"{set}, and no p95 was bounded on both sides to check"
                : $"{set}: {held} of {p95.Count} p95s inside the band, {p95.Count(p => p.Scaled(1 / SpeedAt(95)).Outcome == ProjectionOutcome.Held)} without it";
        }

        const string Disk = "the control read pages from disk beside one of the sizes, so its change may be that size's data evicting it, and no projection is scaled by it";
        return p95.Count == 0 || Drifts.FirstOrDefault(d => d.Percentile == 95) is not { } tail
            ? Disk
            : $"{Disk}; scaled by its change in p95s ({Number(tail.Typical, 2)}×), {p95.Count(p => p.Scaled(tail.Typical).Outcome == ProjectionOutcome.Held)} of {p95.Count} p95s would be inside the band ({held} as checked)";
    }

    /// <summary>The control's change between the largest fitted and the held-out size and what it does to the check, or that the sizes shared their rounds; null when neither.</summary>
    private string? DriftFinding()
    {
        if (SizesInterleaved)
        {
            return $"Machine drift: {Rows(HeldOutRows)} and the sizes it is projected from were timed in the same interleaved rounds, so the check compares them at the same machine speed.";
        }

        if (Drift is not { } drift)
        {
            return null;
        }

        var size = Rows(HeldOutRows);
        var change = $"Machine drift: the control (the same queries on the same rows, in every size's rounds) took {drift} as long beside {size} as beside {Rows(FittedRows)} (per query p50 over p50, median of {drift.Ratios.Count} queries)";
        return drift.Changed || IsScaled
            ? $"{change}. Time per row at {size} carries that change as well as the data's; {Sensitivity()}."
            : $"{change}. Its interval {(drift.Median.IsBounded ? "includes 1: no change in the speed of the same work is shown" : "is not bounded: no change in the speed of the same work can be shown")}.";
    }

    /// <summary>What the band checked is: the sampling interval alone, or widened by the model error the smaller sizes measured.</summary>
    public string BandMeaning => ModelError is { } error
        ? $"widened by the model error the sizes up to {Rows(FittedRows)} measured in their own hold-outs, {error.PerTenfold}"
        : $"the sampling interval alone: the sizes up to {Rows(FittedRows)} size no model error, which needs a hold-out of their own (four sizes in all) and ≥ {ModelError.MinimumChecks} p95 comparisons";

    /// <summary>What the check shows, a sentence each: per percentile how often the projection held and how far it missed, the work fits, the p95 target calls, and the control's change between the two sizes when the sweep timed one.</summary>
    public IReadOnlyList<string> Findings(LatencyTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var size = Rows(HeldOutRows);
        var lines = new List<string>();
        foreach (var percentile in CheckedPercentiles)
        {
            var name = $"p{Number(percentile, 0)}";
            var checks = Checks.Where(c => c.At(percentile) is not null).Select(c => (Check: c, At: c.At(percentile)!)).ToList();
            if (checks.Count == 0)
            {
                lines.Add($"{name}: no query is bounded on both sides, in the projection and at {size}, so none is checked (an interval needs more samples).");
                continue;
            }

            var above = checks.Where(c => c.At.Outcome == ProjectionOutcome.Above).OrderByDescending(c => c.At.Ratio).ToList();
            var below = checks.Count(c => c.At.Outcome == ProjectionOutcome.Below);
            var line = $"{name}: the projection held for {checks.Count - above.Count - below} of {checks.Count} (variant, query) pairs (the measured interval overlaps the band); "
                + $"{above.Count} measured above the band (projected too low), {below} below it (projected too high). Measured: {Spread([.. checks.Select(c => c.At)])}.";
            if (above.Count > 0)
            {
                line += " Furthest above: " + string.Join("; ", above.Take(3).Select(c => $"`{c.Check.Query}` on {c.Check.Variant} {Estimate(c.At.Measured)} against {Band(c.At.ProjectedMs, c.At.ProjectedLowerMs, c.At.ProjectedUpperMs)} projected")) + ".";
            }

            lines.Add(line);
        }

        var workMisses = Checks.Where(c => Math.Abs(Math.Log(c.WorkRatio)) > Math.Log(WorkTolerance)).OrderByDescending(c => Math.Abs(Math.Log(c.WorkRatio))).ToList();
        lines.Add($"Rows examined (exact): the growth fits projected the count at {size} within {Number((WorkTolerance - 1) * 100, 0)} % for {Checks.Count - workMisses.Count} of {Checks.Count} pairs"
            + (workMisses.Count == 0 ? "." : "; furthest: " + string.Join("; ", workMisses.Take(3).Select(c => $"`{c.Query}` on {c.Variant} projected {Rows(c.ProjectedRowsExamined)}, measured {Rows(c.MeasuredRowsExamined)}")) + "."));

        lines.Add($"p95 < {Ms(targets.P95Ms)} at {size}: the projection (its band, or the lower bound where the samples bound no p95) and the measurement make the same call (both under, or both over) for {AgreeingCalls} of {Called.Count()} pairs. "
            + $"Projected under, measured over: {Named(Calls(TargetStanding.Within, TargetStanding.Over))}; projected under, the measured interval straddles the target: {Named(Calls(TargetStanding.Within, TargetStanding.Undecided))}; "
            + $"projected over, measured under: {Named(Calls(TargetStanding.Over, TargetStanding.Within))}; projected over, the measured interval straddles: {Named(Calls(TargetStanding.Over, TargetStanding.Undecided))}; "
            + $"the projected band straddles the target: {Called.Count(c => c.ProjectedP95 == TargetStanding.Undecided)}.");
        if (DriftFinding() is { } drift)
        {
            lines.Add(drift);
        }

        return lines;
    }

    /// <summary>The checks whose projection makes a p95 call.</summary>
    private IEnumerable<ProjectionCheck> Called => Checks.Where(c => c.ProjectedP95 is not null);

    /// <summary>How many calls the measurement confirms: both under, or both over.</summary>
    private int AgreeingCalls => Called.Count(c => c.ProjectedP95 == c.MeasuredP95 && c.MeasuredP95 != TargetStanding.Undecided);

    /// <summary>The checks projected <paramref name="projected"/> and measured <paramref name="measured"/>.</summary>
    private List<ProjectionCheck> Calls(TargetStanding projected, TargetStanding measured) =>
        [.. Called.Where(c => c.ProjectedP95 == projected && c.MeasuredP95 == measured)];

    /// <summary>Measured over projected as <c>0.27× to 2.4× the projection (median 0.88×)</c>.</summary>
    private static string Spread(IReadOnlyList<PercentileCheck> checks)
    {
        var ratios = checks.Select(c => c.Ratio).Order().ToList();
        return $"{Ratio(ratios[0])} to {Ratio(ratios[^1])} the projection (median {Ratio(Gates.TimingComparer.Median(ratios))})";
    }

    /// <summary>A count and the first few (variant, query) pairs, or <c>none</c>.</summary>
    private static string Named(List<ProjectionCheck> checks) =>
        checks.Count == 0 ? "none" : $"{checks.Count} ({string.Join(", ", checks.Take(4).Select(c => $"`{c.Query}` on {c.Variant}"))}{(checks.Count > 4 ? ", …" : string.Empty)})";
}
