using Perf.Analysis.Capacity;
using Perf.Load.Reports;

namespace Perf.Load.Capacity;

/// <summary>The outcome of a capacity search, written as <c>capacity.json</c> and <c>capacity.md</c>.</summary>
/// <param name="MaxPassingRate">Highest rate that was valid and met every threshold, or null when none did.</param>
/// <param name="FirstFailingRate">The rate that stopped the search, or null when the maximum was reached.</param>
/// <param name="Configuration">Configuration of the last step (its load shape names that step).</param>
/// <param name="Steps">Every step, in order.</param>
internal sealed record CapacityResult(
    double? MaxPassingRate,
    double? FirstFailingRate,
    RunConfiguration Configuration,
    IReadOnlyList<CapacityStep> Steps)
{
    /// <summary>True when every step up to <c>--max-rate</c> passed: the capacity is at least <see cref="MaxPassingRate"/>, not equal to it.</summary>
    public bool ReachedMaxRate => MaxPassingRate is not null && FirstFailingRate is null;

    /// <summary>True when the step that stopped the search was INVALID: its generator could not keep the schedule, so that rate says nothing about the target's capacity.</summary>
    public bool StoppedInvalid => FirstFailingRate is { } rate && Steps.Any(s => s.Rate == rate && s.Verdict == Verdict.Invalid);

    /// <summary>True when the step that stopped the search was NOT SETTLED: no threshold was shown missed there, only not shown to hold (an interval straddling its limit), so that rate does not bound the capacity either.</summary>
    public bool StoppedNotSettled => FirstFailingRate is { } rate && Steps.Any(s => s.Rate == rate && s.Verdict == Verdict.NotSettled);

    /// <summary>The rate the capacity is known to be under: the step that stopped the search, when it missed a threshold; null when the search reached <c>--max-rate</c>, <see cref="StoppedInvalid"/> or <see cref="StoppedNotSettled"/>.</summary>
    public double? UpperBound => StoppedInvalid || StoppedNotSettled ? null : FirstFailingRate;

    /// <summary>
    /// The database's caches the search ran under (state, buffer pool, the database's bytes beside it), when the API ran
    /// in-process; each step's page counts are on the step. Null for a <c>--url</c> target.
    /// </summary>
    public LoadCache? Cache { get; init; }

    /// <summary>The buffer pool's counters at the highest passing step: how much of the traffic the pool served at the capacity; null when none passed or pages were not counted.</summary>
    public PageCounts? PagesAtCapacity => Steps.LastOrDefault(s => s.Verdict == Verdict.Pass)?.Pages;
}
