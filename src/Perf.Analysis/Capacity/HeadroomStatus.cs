namespace Perf.Analysis.Capacity;

/// <summary>Whether and when a query's projected latency reaches its target.</summary>
public enum HeadroomStatus
{
    /// <summary>The measured interval is over the target already.</summary>
    AlreadyOver,

    /// <summary>The measured interval straddles the target (its lower end under it, its upper end at or over it), and no crossing date falls within the horizon: it may be over already.</summary>
    MayBeOver,

    /// <summary>The band's upper end reaches the target within the horizon.</summary>
    ReachedWithinHorizon,

    /// <summary>The work does not grow and the measured interval is under the target, but beyond the largest size the band widened by the model error reaches it within the horizon: an extrapolation of the model error alone.</summary>
    ModelErrorReaches,

    /// <summary>The work grows but the band stays under the target until the horizon ends.</summary>
    BeyondHorizon,

    /// <summary>The work does not grow: the query is never projected to cross the target.</summary>
    NoGrowth,

    /// <summary>A growth model fits the work, but its slope interval includes zero (or fewer than 3 sizes): no date.</summary>
    GrowthNotBounded,

    /// <summary>Too few samples for a p95 at the largest size: nothing to project.</summary>
    NotSupported,
}
