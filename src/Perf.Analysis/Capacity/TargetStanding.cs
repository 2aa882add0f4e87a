namespace Perf.Analysis.Capacity;

/// <summary>Where a measurement stands against the latency targets, as far as its samples and capacity search can tell.</summary>
public enum TargetStanding
{
    /// <summary>Every query's p95 and p99 intervals lie below the targets, or the capacity search met them at some rate.</summary>
    Within,

    /// <summary>The samples cannot tell (a percentile needs more samples) and no capacity search decided.</summary>
    Undecided,

    /// <summary>Some query's interval lies above a target (a lower percentile above it puts the higher one above it too), or the capacity search's lowest rate failed.</summary>
    Over,
}
