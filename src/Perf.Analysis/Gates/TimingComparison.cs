namespace Perf.Analysis.Gates;

/// <summary>One query's timings compared with its baseline (the base revision, or a stored baseline).</summary>
/// <param name="Name">The query case.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="BaselineMedianNs">The median of the baseline's round medians (NaN when new).</param>
/// <param name="CurrentMedianNs">The median of this run's round medians (NaN when missing).</param>
/// <param name="Ratio">Current ÷ baseline: the median of the per-round ratios for paired rounds, else the ratio of the medians.</param>
/// <param name="PValue">The exact one-sided rank test's p-value in the direction of the ratio (Wilcoxon signed-rank for paired rounds, Mann–Whitney otherwise); null when not computed.</param>
/// <param name="Reason">The verdict in words, with its numbers.</param>
/// <param name="BaselineRoundsNs">The evidence: the baseline's round medians, in round order (empty when new).</param>
/// <param name="CurrentRoundsNs">The evidence: this run's round medians, in round order (empty when missing).</param>
/// <param name="Design">How the two sides were measured, which says what <paramref name="Ratio"/> and <paramref name="PValue"/> are.</param>
public sealed record TimingComparison(
    string Name,
    TimingVerdict Verdict,
    double BaselineMedianNs,
    double CurrentMedianNs,
    double Ratio,
    double? PValue,
    string Reason,
    IReadOnlyList<double> BaselineRoundsNs,
    IReadOnlyList<double> CurrentRoundsNs,
    TimingDesign Design)
{
    /// <summary>The confirmation rounds' comparison of a suspect that was re-measured (null when it was not); the figures above stay the first rounds'.</summary>
    public TimingComparison? Confirmation { get; init; }
}
