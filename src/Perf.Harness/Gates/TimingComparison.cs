namespace Perf.Harness.Gates;

/// <summary>One benchmark compared with its baseline.</summary>
/// <param name="Name">The benchmark.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="BaselineMedianNs">The baseline's median (NaN when new).</param>
/// <param name="CurrentMedianNs">This run's median (NaN when missing).</param>
/// <param name="Ratio">Current median ÷ baseline median.</param>
/// <param name="IntervalsOverlap">Whether the two confidence intervals overlap.</param>
/// <param name="PValue">The Mann–Whitney two-sided p-value on the raw samples, or null when too few samples.</param>
/// <param name="Reason">The verdict in words, with its numbers.</param>
public sealed record TimingComparison(
    string Name,
    TimingVerdict Verdict,
    double BaselineMedianNs,
    double CurrentMedianNs,
    double Ratio,
    bool IntervalsOverlap,
    double? PValue,
    string Reason);
