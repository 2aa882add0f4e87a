namespace Perf.Harness.Gates;

/// <summary>How large and how certain a timing difference must be to count.</summary>
/// <param name="MaxRatio">A benchmark regresses only when its median is at least this many times the baseline's (and improves below the reciprocal).</param>
/// <param name="Alpha">The Mann–Whitney significance level the raw samples must reach.</param>
/// <param name="MinSamplesForTest">Below this many samples on either side the U test is not used and non-overlapping confidence intervals decide instead.</param>
public sealed record TimingGateOptions(double MaxRatio = 1.25, double Alpha = 0.01, int MinSamplesForTest = 5)
{
    /// <summary>The defaults: 25 % and p &lt; 0.01.</summary>
    public static TimingGateOptions Default { get; } = new();
}
