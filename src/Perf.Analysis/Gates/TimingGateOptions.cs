namespace Perf.Analysis.Gates;

/// <summary>How large and how certain a timing difference must be to count.</summary>
/// <param name="MaxRatio">A query regresses only when its median is at least this many times the baseline's (and improves below the reciprocal).</param>
/// <param name="Alpha">The significance level the one-sided rank test over round medians must reach.</param>
/// <param name="MinDifferenceMs">The absolute floor: a query regresses (or improves) only when its median moved by at least this many milliseconds.</param>
public sealed record TimingGateOptions(double MaxRatio = 1.5, double Alpha = 0.01, double MinDifferenceMs = 0.05)
{
    /// <summary>The defaults: 50 %, p &lt; 0.01 and 0.05 ms, for a shared machine where single runs drift by tens of percent.</summary>
    /// <remarks>
    /// The floor is small on purpose: the API's fastest queries take 0.7–1.2 ms here, so a 1.5× regression of them moves the
    /// median by 0.35 ms or more, far over 0.05 ms; what it hides is a ratio between tens of microseconds (20 µs against
    /// 35 µs), where timer resolution and scheduling decide, not the query.
    /// </remarks>
    public static TimingGateOptions Default { get; } = new();
}
