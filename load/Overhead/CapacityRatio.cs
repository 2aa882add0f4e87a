using Perf.Load.Capacity;

namespace Perf.Load.Overhead;

/// <summary>The API's capacity over the database's, exact or bounded when a search reached its maximum rate.</summary>
/// <param name="Value">The ratio, or null when the database arm met no step or both searches reached the maximum.</param>
/// <param name="Bound">"=" when both capacities are exact, "≤" when only the database reached the maximum, "≥" when only the API did.</param>
internal sealed record CapacityRatio(double? Value, string Bound)
{
    /// <summary>The ratio of <paramref name="api"/> over <paramref name="database"/>.</summary>
    public static CapacityRatio Of(CapacityResult api, CapacityResult database)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(database);
        if (database.MaxPassingRate is not { } db || (api.ReachedMaxRate && database.ReachedMaxRate))
        {
            return new CapacityRatio(null, "=");
        }

        var value = (api.MaxPassingRate ?? 0) / db;
        return new CapacityRatio(value, database.ReachedMaxRate ? "≤" : api.ReachedMaxRate ? "≥" : "=");
    }

    /// <summary>True when the ratio is known to reach <paramref name="target"/>, false when known to miss it, null when the searches cannot tell.</summary>
    public bool? Meets(double target) => (Value, Bound) switch
    {
        (null, _) => null,
        ({ } v, "≤") => v < target ? false : null,
        ({ } v, "≥") => v >= target ? true : null,
        ({ } v, _) => v >= target,
    };
}
