namespace Perf.Analysis.Capacity;

/// <summary>One query compared between a candidate and a reference variant, with the evidence the verdict rests on.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="CandidateWork">The candidate's exact work.</param>
/// <param name="ReferenceWork">The reference's exact work.</param>
/// <param name="CandidateMedian">The candidate's median over all executions, with its interval.</param>
/// <param name="ReferenceMedian">The reference's median, with its interval.</param>
/// <param name="PValue">Mann–Whitney over round medians, or null with fewer than 2 rounds a side.</param>
/// <param name="Alpha">The significance level this comparison was held to (the report's α over its comparisons).</param>
/// <param name="Ratio">Candidate median over reference median (timing), or candidate work over reference work (work).</param>
/// <param name="Timing">What the timings say on their own: for a work claim, whether the time agrees, shows nothing, or contradicts it.</param>
public sealed record VariantComparison(
    DifferenceKind Kind,
    ExactWork CandidateWork,
    ExactWork ReferenceWork,
    QuantileEstimate CandidateMedian,
    QuantileEstimate ReferenceMedian,
    double? PValue,
    double Alpha,
    double Ratio,
    TimingVerdict Timing)
{
    /// <summary>The fewer of the two sides' rounds, which bounds the smallest p-value the rank test can give.</summary>
    public int Rounds { get; init; }

    /// <summary>The fewest rounds a side with which the rank test could reach <see cref="Alpha"/> (complete separation gives p = 2 / C(2n, n)).</summary>
    public int RoundsNeeded { get; init; }

    /// <summary>True for the verdicts that claim a difference.</summary>
    public bool IsClaim => Kind is DifferenceKind.WorkDiffers or DifferenceKind.TimingDiffers;

    /// <summary>True when the candidate does less work or is faster.</summary>
    public bool CandidateBetter => Ratio < 1;
}
