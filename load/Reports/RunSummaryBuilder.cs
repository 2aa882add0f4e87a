using Perf.Load.Execution;
using Perf.Load.Measurement;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;

namespace Perf.Load.Reports;

/// <summary>Turns a finished run into its summary and verdict.</summary>
internal static class RunSummaryBuilder
{
    /// <summary>Evaluates thresholds and generator health and builds the summary.</summary>
    public static RunSummary Build(RunOutcome outcome, RunConfiguration configuration, IReadOnlyList<Threshold> thresholds)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var seconds = outcome.MeasuredSeconds;
        var results = ThresholdEvaluator.Evaluate(thresholds, outcome.Total, outcome.Scenarios, outcome.Endpoints, seconds, outcome.Generator);
        var (verdict, exitCode) = Decide(outcome.Generator, results);
        return new RunSummary(
            "Perf.Load",
            verdict,
            exitCode,
            outcome.StartedUtc,
            seconds,
            configuration,
            outcome.Generator,
            GroupSummary.From(outcome.Total, seconds),
            [.. outcome.Scenarios.Select(s => GroupSummary.From(s, seconds))],
            [.. outcome.Endpoints.Select(e => GroupSummary.From(e, seconds))],
            results,
            Timeline(outcome.Intervals, outcome.StartedUtc));
    }

    /// <summary>
    /// A generator that missed its schedule cannot pass: its run is INVALID, unless a latency threshold missed by more than
    /// the generator's lateness explains (<see cref="ThresholdResult.MissedBeyondLag"/>), which fails whatever the
    /// generator did. Otherwise any threshold shown missed fails; one that did not hold and was not shown missed (an interval
    /// straddling its limit, too few requests to bound it) makes the run NOT SETTLED (exit 110, as INVALID: no verdict), not
    /// FAIL, since nothing shows the limit was missed; and a run with no threshold is NOT JUDGED (exit 0, as k6 exits without
    /// thresholds: it measured what it was asked to), never PASS.
    /// </summary>
    public static (Verdict Verdict, int ExitCode) Decide(GeneratorHealth generator, IReadOnlyList<ThresholdResult> results)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(results);
        if (!generator.Valid)
        {
            return results.Any(r => r.MissedBeyondLag) ? (Verdict.Fail, ExitCodes.ThresholdsFailed) : (Verdict.Invalid, ExitCodes.InvalidRun);
        }

        return results.Count == 0 ? (Verdict.NotJudged, ExitCodes.Success)
            : results.All(r => r.Passed) ? (Verdict.Pass, ExitCodes.Success)
            : results.Any(r => r is { Passed: false, Settled: true }) ? (Verdict.Fail, ExitCodes.ThresholdsFailed)
            : (Verdict.NotSettled, ExitCodes.InvalidRun);
    }

    /// <summary>Per-interval points of the untagged (whole-run gated latency) intervals, each percentile only where the interval's requests can bound it.</summary>
    public static IReadOnlyList<TimelinePoint> Timeline(IEnumerable<IntervalSnapshot> intervals, DateTimeOffset measuredStart)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var startMs = measuredStart.ToUnixTimeMilliseconds();
        return
        [
            .. intervals
                .Where(i => i.Tag is null)
                .Select(i => new TimelinePoint(
                    (i.EndUnixMs - startMs) / 1000.0,
                    i.EndUnixMs > i.StartUnixMs ? i.Count * 1000.0 / (i.EndUnixMs - i.StartUnixMs) : 0,
                    LatencySummary.Supported(i.P50Ms, i.Count, 50),
                    LatencySummary.Supported(i.P90Ms, i.Count, 90),
                    LatencySummary.Supported(i.P99Ms, i.Count, 99),
                    i.MaxMs,
                    i.Errors)),
        ];
    }
}
