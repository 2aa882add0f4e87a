using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>One query's latency projected from its work growth and its measured time per row examined, with a band.</summary>
/// <param name="Variant">The schema variant.</param>
/// <param name="Query">The query.</param>
/// <param name="Percentile">The percentile projected: of those the samples bound (95, 99), the one with the least headroom to its target (99 on a tie), 0 when none.</param>
/// <param name="TargetMs">That percentile's target.</param>
/// <param name="MeasuredRows">The largest measured size, where the time per row was measured.</param>
/// <param name="Measured">The percentile there, with its interval.</param>
/// <param name="Work">The work growth it is projected with.</param>
/// <param name="AtHorizonMs">The projected percentile at the end of the horizon.</param>
/// <param name="AtHorizonLowerMs">The band's lower end there (the interval's lower end × the work).</param>
/// <param name="AtHorizonUpperMs">The band's upper end there.</param>
/// <param name="RowsAtTarget">Trade rows at which the band's upper end (the earliest crossing) reaches the target, or null.</param>
/// <param name="DateAtTarget">The day the table reaches <paramref name="RowsAtTarget"/>, or null (never, or not bounded).</param>
/// <param name="IsExtrapolation">True when <paramref name="RowsAtTarget"/> is beyond 4× the largest measured size.</param>
/// <param name="Status">The verdict.</param>
public sealed record LatencyProjection(
    SchemaVariant Variant,
    string Query,
    double Percentile,
    double TargetMs,
    long MeasuredRows,
    QuantileEstimate Measured,
    WorkGrowth Work,
    double AtHorizonMs,
    double AtHorizonLowerMs,
    double AtHorizonUpperMs,
    double? RowsAtTarget,
    DateOnly? DateAtTarget,
    bool IsExtrapolation,
    HeadroomStatus Status)
{
    /// <summary>Whether the API runs the query, so its targets apply (false for the full scan shown for contrast): only these decide verdicts and headroom.</summary>
    public bool ServedByApi { get; init; } = true;
}
