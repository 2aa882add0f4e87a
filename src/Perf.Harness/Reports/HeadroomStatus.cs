namespace Perf.Harness.Reports;

/// <summary>Whether and when a query's fitted P99 reaches the target.</summary>
public enum HeadroomStatus
{
    /// <summary>The fit is over the target already at the start.</summary>
    AlreadyOver,

    /// <summary>The fit reaches the target within the horizon.</summary>
    ReachedWithinHorizon,

    /// <summary>The fit grows but stays under the target until the horizon ends.</summary>
    BeyondHorizon,

    /// <summary>The fit does not grow (constant), and is under the target.</summary>
    NoGrowth,
}
