namespace Perf.Load.Execution;

/// <summary>When a run's generator is judged to have failed its schedule, making the run INVALID.</summary>
/// <param name="LateThreshold">A dispatch later than this after its intended time counts as a late send.</param>
/// <param name="MaxSendLagP99">The run is invalid when the dispatch-lag p99 exceeds this.</param>
/// <param name="MinAchievedRateRatio">The run is invalid when achieved/target rate falls below this.</param>
internal sealed record ValidityCriteria(TimeSpan LateThreshold, TimeSpan MaxSendLagP99, double MinAchievedRateRatio)
{
    /// <summary>Late after 10 ms, invalid when dispatch-lag p99 exceeds 25 ms or the rate falls below 95 %.</summary>
    public static ValidityCriteria Default { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(25), 0.95);
}
