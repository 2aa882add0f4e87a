using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>One query on one variant at the held-out size: what the report computed without that size projects there, beside what it measured.</summary>
/// <param name="Variant">The schema variant.</param>
/// <param name="Query">The query.</param>
/// <param name="ProjectedRowsExamined">Rows examined the work growth fit projects at the held-out size (never below the largest fitted size's).</param>
/// <param name="MeasuredRowsExamined">Rows examined measured there (exact).</param>
/// <param name="Percentiles">Each percentile bounded on both sides in the projection and the measurement (p50 and p95 with 72 samples; p99 needs 368).</param>
/// <param name="ProjectedP95">The p95 target by the projected band: within (its upper end under), over (its lower end at or above), undecided (it straddles); null when the largest fitted size cannot bound p95.</param>
/// <param name="MeasuredP95">The p95 target by the measured interval, by the report's one rule (<see cref="QuantileEstimate.IsOver"/>, <see cref="QuantileEstimate.IsUnder"/>).</param>
public sealed record ProjectionCheck(
    SchemaVariant Variant,
    string Query,
    double ProjectedRowsExamined,
    long MeasuredRowsExamined,
    IReadOnlyList<PercentileCheck> Percentiles,
    TargetStanding? ProjectedP95,
    TargetStanding MeasuredP95)
{
    /// <summary>The check of <paramref name="percentile"/>, or null when either side cannot bound it.</summary>
    public PercentileCheck? At(double percentile) => Percentiles.FirstOrDefault(p => p.Percentile == percentile);

    /// <summary>Measured rows examined over projected (each at least 1).</summary>
    public double WorkRatio => Math.Max(MeasuredRowsExamined, 1) / Math.Max(ProjectedRowsExamined, 1);
}
