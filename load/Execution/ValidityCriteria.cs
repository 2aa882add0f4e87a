using Perf.Analysis.Capacity;

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

    /// <summary>Why an open model's achieved rate falls short of its own schedule, or null when it does not.</summary>
    /// <param name="sent">Measured requests sent.</param>
    /// <param name="measuredSeconds">The measured time they were sent in.</param>
    /// <param name="scheduled">Measured arrivals in the schedule that ran.</param>
    /// <param name="scheduledDuration">The measured period the schedule spans.</param>
    /// <remarks>
    /// The yardstick is the schedule's own count, not the mean rate times the duration: a Poisson schedule's count is
    /// random (at 20/s for 30 s, 1 run in 10 draws fewer than 570 arrivals), and the generator is judged on whether it
    /// sent the arrivals it had, not on the draw.
    /// </remarks>
    public string? RateShortfall(long sent, double measuredSeconds, long scheduled, TimeSpan scheduledDuration)
    {
        if (scheduled <= 0 || scheduledDuration <= TimeSpan.Zero || measuredSeconds <= 0)
        {
            return null;
        }

        var scheduledRate = scheduled / scheduledDuration.TotalSeconds;
        var achieved = sent / measuredSeconds;
        var least = scheduledRate * MinAchievedRateRatio;
        return achieved < least
            ? FormattableString.Invariant($"achieved rate {ReportFormat.Against(achieved, "0.#", least)}/s is below {MinAchievedRateRatio:P0} of the schedule's {scheduledRate:0.#}/s ({scheduled} arrivals in {scheduledDuration.TotalSeconds:0.###} s).")
            : null;
    }
}
