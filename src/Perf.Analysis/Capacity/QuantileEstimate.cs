namespace Perf.Analysis.Capacity;

/// <summary>A percentile of exact samples with its order-statistic confidence interval, or the sample count it would need.</summary>
/// <param name="Percentile">The percentile, 0–100.</param>
/// <param name="Samples">The samples it was estimated from.</param>
/// <param name="Value">The nearest-rank percentile, or null when <paramref name="Samples"/> cannot bound it.</param>
/// <param name="Lower">The interval's lower end, or null when unbounded.</param>
/// <param name="Upper">The interval's upper end, or null when unbounded.</param>
/// <param name="Coverage">The interval's exact binomial coverage (≥ the confidence asked for), or 0 when unbounded.</param>
/// <param name="SamplesNeeded">The fewest samples whose order statistics bound this percentile at the confidence asked for.</param>
public sealed record QuantileEstimate(double Percentile, int Samples, double? Value, double? Lower, double? Upper, double Coverage, int SamplesNeeded)
{
    /// <summary>
    /// A one-sided lower bound: the percentile is at least this with the confidence of the interval's lower side
    /// (97.5 % for a 95 % interval), or null with too few samples even for that. It equals <see cref="Lower"/> when the
    /// interval exists, and needs far fewer samples (2 for p95, 1 for p99), so a percentile the samples cannot bound
    /// above can still be shown to be over a target.
    /// </summary>
    public double? AtLeast { get; init; }

    /// <summary>True when the samples bound the percentile on both sides.</summary>
    public bool IsBounded => Value is not null && Lower is not null && Upper is not null;

    /// <summary>True when the percentile is at or over <paramref name="targetMs"/> by its lower bound (<see cref="AtLeast"/>, the interval's lower end when there is one).</summary>
    /// <remarks>
    /// The rule for "over the target" of one percentile alone: the point estimate is not enough, since an interval
    /// straddling the target says the percentile may be under it. Such a percentile is neither over nor
    /// <see cref="IsUnder"/>: it may be over. A report making many such calls makes them together (<see cref="TargetTests"/>).
    /// </remarks>
    public bool IsOver(double targetMs) => AtLeast >= targetMs;

    /// <summary>True when the whole interval lies under <paramref name="targetMs"/>; false when the samples cannot bound the percentile.</summary>
    public bool IsUnder(double targetMs) => IsBounded && Upper < targetMs;
}
