namespace Perf.Analysis.Capacity;

/// <summary>How a percentile measured at a held-out size compares with the band the other sizes projected for it.</summary>
public enum ProjectionOutcome
{
    /// <summary>The measured interval overlaps the projected band: the projection held.</summary>
    Held,

    /// <summary>The whole measured interval lies above the band: the projection promised less latency than was measured, the miss that misleads a planner.</summary>
    Above,

    /// <summary>The whole measured interval lies below the band: the projection was pessimistic.</summary>
    Below,
}
