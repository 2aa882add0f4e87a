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
}
