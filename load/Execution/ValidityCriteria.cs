namespace Perf.Load.Execution;

/// <summary>When a run's generator is judged to have failed its schedule, making the run INVALID.</summary>
/// <param name="LateThreshold">A dispatch later than this after its intended time counts as a late send.</param>
/// <param name="MaxSendLagP99">The run is invalid when the dispatch-lag p99 exceeds this.</param>
/// <param name="MinAchievedRateRatio">The run is invalid when achieved/target rate falls below this.</param>
internal sealed record ValidityCriteria(TimeSpan LateThreshold, TimeSpan MaxSendLagP99, double MinAchievedRateRatio)
{
    /// <summary>Late after 10 ms, invalid when dispatch-lag p99 exceeds 50 ms or the rate falls below 95 %.</summary>
    /// <remarks>
    /// Lag is already inside every gated latency (it is measured from the intended time), so the limit guards against a
    /// saturated generator that no longer offers the configured load, not against precision: 50 ms is a tenth of the
    /// P95 target and holds on a busy shared 2-core machine, where the scheduler alone delays a thread tens of ms.
    /// </remarks>
    public static ValidityCriteria Default { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), 0.95);
}
