namespace Perf.Analysis.Capacity;

/// <summary>One percentile at the held-out size: the band projected for it from the other sizes beside the interval measured there.</summary>
/// <param name="Percentile">The percentile, 0–100.</param>
/// <param name="ProjectedMs">The projected percentile.</param>
/// <param name="ProjectedLowerMs">The projected band's lower end.</param>
/// <param name="ProjectedUpperMs">The projected band's upper end.</param>
/// <param name="Measured">What the held-out size measured, bounded on both sides.</param>
public sealed record PercentileCheck(double Percentile, double ProjectedMs, double ProjectedLowerMs, double ProjectedUpperMs, QuantileEstimate Measured)
{
    /// <summary>Whether the measured interval overlaps the band, or lies wholly above or below it.</summary>
    public ProjectionOutcome Outcome => Measured.Lower > ProjectedUpperMs
        ? ProjectionOutcome.Above
        : Measured.Upper < ProjectedLowerMs ? ProjectionOutcome.Below : ProjectionOutcome.Held;

    /// <summary>The same check with the projection and its band multiplied by <paramref name="factor"/>.</summary>
    public PercentileCheck Scaled(double factor) =>
        this with { ProjectedMs = ProjectedMs * factor, ProjectedLowerMs = ProjectedLowerMs * factor, ProjectedUpperMs = ProjectedUpperMs * factor };

    /// <summary>The measured percentile over the projected one.</summary>
    public double Ratio => Measured.Value!.Value / ProjectedMs;
}
