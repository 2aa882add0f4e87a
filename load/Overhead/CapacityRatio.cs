using Perf.Load.Capacity;

namespace Perf.Load.Overhead;

/// <summary>The API's capacity over the database's, with the range the two searches' steps leave it in.</summary>
/// <remarks>
/// A search that passed rate r and failed r + step puts the capacity in [r, r + step); one that never failed, or stopped at
/// r + step on an INVALID step (a saturated generator, which says nothing about the target) or a NOT SETTLED one (a
/// threshold neither shown to hold nor missed), puts it at r or above. The ratio lies between the API's lowest over the database's highest and the API's highest over the
/// database's lowest, and a target is judged met or missed only when that whole range is on one side of it.
/// </remarks>
/// <param name="Value">Highest passing rate over highest passing rate, or null when either arm passed no step (a capacity not measured, not zero).</param>
/// <param name="Low">The lowest ratio the steps allow.</param>
/// <param name="High">The highest ratio the steps allow (infinite when the API's search found no upper bound).</param>
internal sealed record CapacityRatio(double? Value, double Low, double High)
{
    /// <summary>True when either search stopped on an INVALID step, leaving that arm's capacity without an upper bound.</summary>
    public bool StoppedInvalid { get; init; }

    /// <summary>True when either search stopped on a NOT SETTLED step, leaving that arm's capacity without an upper bound.</summary>
    public bool StoppedNotSettled { get; init; }

    /// <summary>True when the database arm passed a step and the API's did not: the API's capacity is under its first rate, or unknown when that step bounds nothing.</summary>
    public bool ApiPassedNoStep { get; init; }

    /// <summary>The ratio of <paramref name="api"/> over <paramref name="database"/>.</summary>
    public static CapacityRatio Of(CapacityResult api, CapacityResult database)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(database);
        if (database.MaxPassingRate is not { } dbLow)
        {
            return new CapacityRatio(null, 0, double.PositiveInfinity);
        }

        var apiLow = api.MaxPassingRate ?? 0;
        var apiHigh = api.UpperBound ?? double.PositiveInfinity;
        var dbHigh = database.UpperBound ?? double.PositiveInfinity;
        return new CapacityRatio(api.MaxPassingRate is null ? null : apiLow / dbLow, apiLow / dbHigh, apiHigh / dbLow)
        {
            StoppedInvalid = api.StoppedInvalid || database.StoppedInvalid,
            StoppedNotSettled = api.StoppedNotSettled || database.StoppedNotSettled,
            ApiPassedNoStep = api.MaxPassingRate is null,
        };
    }

    /// <summary>True when the whole range reaches <paramref name="target"/>, false when it all falls short, null when the steps cannot tell.</summary>
    /// <remarks>An API that passed no step can still be shown to miss: its capacity is under its first rate when that step missed a threshold.</remarks>
    public bool? Meets(double target) => Value is not null && Low >= target ? true : High < target ? false : null;
}
