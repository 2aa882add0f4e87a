using Perf.Load.Reports;

namespace Perf.Load;

/// <summary>Measured invocations of a scenario, or of one of its sub-steps.</summary>
/// <param name="Name">Scenario or sub-step name.</param>
/// <param name="Count">Measured invocations (warm-up excluded).</param>
/// <param name="Ok">Those that succeeded.</param>
/// <param name="Failed">Those that failed, threw or timed out.</param>
/// <param name="FailedRate">Failed / count.</param>
/// <param name="Latency">End minus intended start: what thresholds gate.</param>
/// <param name="ServiceTime">End minus actual start.</param>
public sealed record StepStats(string Name, long Count, long Ok, long Failed, double FailedRate, LatencySummary Latency, LatencySummary ServiceTime)
{
    internal static StepStats From(GroupSummary group) =>
        new(group.Name, group.Count, group.Ok, group.Failed, group.FailedRate, group.Latency, group.ServiceTime);
}
