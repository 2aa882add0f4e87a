namespace Perf.Analysis.Capacity;

/// <summary>What a comparison of two variants concluded.</summary>
public enum DifferenceKind
{
    /// <summary>The exact work differs beyond the thresholds: a claim of work, whatever the timings say (<see cref="VariantComparison.Timing"/> says whether they agree).</summary>
    WorkDiffers,

    /// <summary>Same work within the thresholds, but the timings differ significantly and by a meaningful amount: a claim.</summary>
    TimingDiffers,

    /// <summary>Same plan and work, no significant and meaningful timing difference: no claim.</summary>
    SamePlanNoDifference,

    /// <summary>Different plans with work within the thresholds and no significant and meaningful timing difference: no claim.</summary>
    NoMeasurableDifference,

    /// <summary>Work within the thresholds, and too few rounds for the timings to reach the comparison's α (<see cref="TimingVerdict.CannotTell"/>): neither a claim nor "no measurable difference".</summary>
    CannotTell,
}
