namespace Perf.Harness.Gates;

/// <summary>How large and how certain a timing difference must be to count.</summary>
/// <param name="MaxRatio">A benchmark regresses only when its median is at least this many times the baseline's (and improves below the reciprocal).</param>
/// <param name="Alpha">The Mann–Whitney significance level the raw samples must reach.</param>
/// <param name="MinSamplesForTest">Below this many samples on either side the U test is skipped and the intervals alone decide.</param>
public sealed record TimingGateOptions(double MaxRatio = 1.5, double Alpha = 0.01, int MinSamplesForTest = 5)
{
    /// <summary>The defaults: 50 % and p &lt; 0.01, for a shared machine where runs drift by tens of percent.</summary>
    public static TimingGateOptions Default { get; } = new();
}
