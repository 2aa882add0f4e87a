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
}
