namespace Perf.Analysis.Capacity;

/// <summary>What the timings of a comparison say on their own, whatever the work says.</summary>
public enum TimingVerdict
{
    /// <summary>Not significant at the comparison's α, or not meaningful by the claim thresholds.</summary>
    NoDifference,

    /// <summary>The candidate is significantly and meaningfully faster.</summary>
    Faster,

    /// <summary>The candidate is significantly and meaningfully slower.</summary>
    Slower,

    /// <summary>Too few rounds: even round medians completely apart could not reach the comparison's α, so the timings can neither show nor rule out a difference.</summary>
    CannotTell,
}
