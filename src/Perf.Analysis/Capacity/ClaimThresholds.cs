namespace Perf.Analysis.Capacity;

/// <summary>When a difference between two variants counts as a claim.</summary>
/// <param name="Alpha">The family-wise significance level, split over the comparisons of one report (Bonferroni).</param>
/// <param name="MinRatio">The smallest ratio of medians (or of exact work) that matters.</param>
/// <param name="MinAbsoluteMs">The smallest difference of medians that matters against a 500 ms target.</param>
/// <param name="MinAbsoluteWork">The smallest difference of rows or pages that matters.</param>
public sealed record ClaimThresholds(double Alpha = 0.05, double MinRatio = 1.2, double MinAbsoluteMs = 1.0, long MinAbsoluteWork = 10)
{
    /// <summary>The defaults: α 0.05, 1.2× and 1 ms, 10 rows or pages.</summary>
    public static ClaimThresholds Default { get; } = new();

    /// <summary>True when two timings differ by a practical amount: by at least <see cref="MinRatio"/> either way and by at least <see cref="MinAbsoluteMs"/>.</summary>
    /// <remarks>Size only: significance (a rank test, or disjoint intervals) is asked for separately.</remarks>
    public bool IsMeaningful(double candidateMs, double referenceMs)
    {
        var ratio = referenceMs > 0 ? candidateMs / referenceMs : 1;
        return Math.Abs(candidateMs - referenceMs) >= MinAbsoluteMs && (ratio >= MinRatio || ratio <= 1 / MinRatio);
    }
}
