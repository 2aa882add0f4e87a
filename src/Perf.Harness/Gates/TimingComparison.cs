namespace Perf.Harness.Gates;

/// <summary>One query's timings compared with its baseline (the base revision, or a stored baseline).</summary>
/// <param name="Name">The query case.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="BaselineMedianNs">The median of the baseline's round medians (NaN when new).</param>
/// <param name="CurrentMedianNs">The median of this run's round medians (NaN when missing).</param>
/// <param name="Ratio">Current ÷ baseline.</param>
/// <param name="PValue">The exact one-sided Mann–Whitney p-value over round medians, in the direction of the ratio; null when not computed.</param>
/// <param name="Reason">The verdict in words, with its numbers.</param>
public sealed record TimingComparison(
    string Name,
    TimingVerdict Verdict,
    double BaselineMedianNs,
    double CurrentMedianNs,
    double Ratio,
    double? PValue,
    string Reason);
