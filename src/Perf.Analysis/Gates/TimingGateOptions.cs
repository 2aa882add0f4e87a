namespace Perf.Analysis.Gates;

/// <summary>How large and how certain a timing difference must be to count.</summary>
/// <param name="MaxRatio">A query regresses only when its median is at least this many times the baseline's (and improves below the reciprocal).</param>
/// <param name="Alpha">The significance level the one-sided rank test over round medians must reach.</param>
public sealed record TimingGateOptions(double MaxRatio = 1.5, double Alpha = 0.01)
{
    /// <summary>The defaults: 50 % and p &lt; 0.01, for a shared machine where single runs drift by tens of percent.</summary>
    public static TimingGateOptions Default { get; } = new();
}
