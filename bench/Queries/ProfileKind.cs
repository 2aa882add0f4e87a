namespace Perf.Bench.Queries;

/// <summary>Which profile a query asks about.</summary>
public enum ProfileKind
{
    /// <summary>The profile with the most trades: the widest index ranges.</summary>
    Hot,

    /// <summary>The profile with the fewest trades: what most dashboards of a large fleet look like.</summary>
    Cold,
}
