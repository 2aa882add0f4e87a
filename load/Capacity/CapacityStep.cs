using Perf.Analysis.Capacity;
using Perf.Load.Reports;

namespace Perf.Load.Capacity;

/// <summary>One step of a capacity search.</summary>
/// <param name="Rate">Target arrival rate of the step.</param>
/// <param name="Verdict">The step's verdict.</param>
/// <param name="AchievedRate">Rate the generator achieved.</param>
/// <param name="P95Ms">Gated p95.</param>
/// <param name="P99Ms">Gated p99.</param>
/// <param name="FailedRate">Fraction of failed requests.</param>
/// <param name="DispatchLagP99Ms">Generator dispatch-lag p99.</param>
/// <param name="FailedThresholds">Thresholds that failed, or the generator's problems when invalid.</param>
internal sealed record CapacityStep(
    double Rate,
    Verdict Verdict,
    double AchievedRate,
    double P95Ms,
    double P99Ms,
    double FailedRate,
    double DispatchLagP99Ms,
    IReadOnlyList<string> FailedThresholds)
{
    /// <summary>The latencies <see cref="P95Ms"/> and <see cref="P99Ms"/> come from, which decides whether they are supported; 0 in results written before it was recorded.</summary>
    public long Samples { get; init; }

    /// <summary>
    /// The buffer pool's page requests and disk reads over the step's measured period, per completed request: how much of
    /// the traffic's working set the pool held. Null when not counted (a <c>--url</c> target, or results written before it was recorded).
    /// </summary>
    public PageCounts? Pages { get; init; }

    /// <summary>Reads a step from its run summary.</summary>
    public static CapacityStep From(double rate, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        // A step that failed although its generator missed the schedule failed on the thresholds the target missed whatever
        // the generator's lateness added; those are its reasons.
        IReadOnlyList<string> failed = summary.Verdict == Verdict.Invalid
            ? summary.Generator.Problems
            : [.. summary.Thresholds.Where(t => summary.Generator.Valid ? !t.Passed : t.MissedBeyondLag).Select(t => $"{t.Expression} ({t.ActualText})")];
        return new CapacityStep(
            rate,
            summary.Verdict,
            summary.Generator.AchievedRate,
            summary.Total.Latency.P95,
            summary.Total.Latency.P99,
            summary.Total.FailedRate,
            summary.Generator.DispatchLagP99Ms,
            failed)
        {
            Samples = summary.Total.Latency.Samples > 0 ? summary.Total.Latency.Samples : summary.Total.Count,
            Pages = summary.Cache?.Pages,
        };
    }
}
