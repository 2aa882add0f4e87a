using Perf.Load.Measurement;

namespace Perf.Load.Execution;

/// <summary>What a finished run measured.</summary>
/// <param name="Plan">The plan that ran.</param>
/// <param name="StartedUtc">Start of the measured period.</param>
/// <param name="MeasuredSeconds">Length of the measured period actually observed.</param>
/// <param name="Total">The whole run.</param>
/// <param name="Scenarios">Per scenario.</param>
/// <param name="Endpoints">Per endpoint.</param>
/// <param name="Intervals">Per-interval histograms of every group, in time order.</param>
/// <param name="Generator">Whether the generator kept its schedule.</param>
/// <param name="Engine">Which engine sent the requests (<see cref="ILoadEngine.Description"/>).</param>
internal sealed record RunOutcome(
    RunPlan Plan,
    DateTimeOffset StartedUtc,
    double MeasuredSeconds,
    StatsSnapshot Total,
    IReadOnlyList<StatsSnapshot> Scenarios,
    IReadOnlyList<StatsSnapshot> Endpoints,
    IReadOnlyList<IntervalSnapshot> Intervals,
    GeneratorHealth Generator,
    string Engine);
