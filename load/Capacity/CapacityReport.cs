using System.Globalization;
using Perf.Harness.Reports;
using Perf.Analysis.Capacity;
using Perf.Load.Reports;
using Perf.Load.Thresholds;

namespace Perf.Load.Capacity;

/// <summary>Lays out a capacity search as a <see cref="ReportDocument"/>: the highest passing rate, then every step.</summary>
internal static class CapacityReport
{
    /// <summary>Builds the document.</summary>
    public static ReportDocument Build(CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var c = result.Configuration;
        var highest = $"**Highest rate meeting every threshold with a valid generator: {(result.MaxPassingRate is { } max ? max.ToString("0.##", inv) + " requests/s" : "none")}**";
        var stop = result.FirstFailingRate is { } fail
            ? result.StoppedInvalid
                ? string.Create(inv, $" — the search stopped at {fail:0.##}/s on an INVALID step (the generator could not keep its schedule, and no threshold was missed by more than its lateness explains), which bounds nothing: the capacity is at least this")
                : result.StoppedNotSettled
                    ? string.Create(inv, $" — the search stopped at {fail:0.##}/s on a NOT SETTLED step (a threshold's interval straddled its limit, or too few requests bounded it: not shown to hold, nor missed), which bounds nothing: the capacity is at least this")
                    : string.Create(inv, $" (first failing step: {fail:0.##}/s)")
            : result.ReachedMaxRate ? " — no step failed up to `--max-rate`, so the capacity is at least this; raise `--max-rate` to find it" : string.Empty;
        var facts = new List<string> { $"Target `{c.Target}`, scenarios `{c.Scenarios}`, thresholds `{string.Join("`, `", c.Thresholds)}`", highest + stop };
        if (result.Cache is { } cache)
        {
            facts.Add(cache.Describe());
        }

        // A step's p95 and p99 are of every request: beside the verdict, they read on their side of a limit over all requests.
        List<Threshold> judged = [.. c.Thresholds.Select(ThresholdParser.Parse).Where(t => t.Selector == SelectorKind.All)];

        // The pages each step's traffic requested and read from disk: where the working set outgrows the pool, the knee shows here.
        var pages = result.Steps.Any(s => s.Pages is not null);
        return new ReportDocument(
            "Capacity search" + (c.Label is null ? string.Empty : " — " + c.Label),
            [
                new ReportList(facts),
                new ReportTable(
                    ["rate", "verdict", "achieved", "p95 ms", "p99 ms", "errors", "dispatch-lag p99 ms", .. pages ? (string[])["hit ratio", "disk reads / request"] : [], "why"],
                    [.. result.Steps.Select(s => (IReadOnlyList<string>)
                    [
                        s.Rate.ToString("0.##", inv), s.Verdict.ToString().ToUpperInvariant(), s.AchievedRate.ToString("0.##", inv),
                        Cell(s.P95Ms, s, 95, judged), Cell(s.P99Ms, s, 99, judged), s.FailedRate.ToString("0.###%", inv),
                        s.DispatchLagP99Ms.ToString("0.###", inv),
                        .. pages ? (string[])[s.Pages is { } p ? p.HitRatio.ToString("0.00%", inv) : "–", s.Pages is { } q ? q.PhysicalPerExecution.ToString("0.##", inv) : "–"] : [],
                        string.Join("; ", s.FailedThresholds),
                    ])])
                {
                    NumericColumns = pages ? [0, 2, 3, 4, 5, 6, 7, 8] : [0, 2, 3, 4, 5, 6],
                },
            ]);
    }

    // A step read from results written before steps recorded their sample count shows its numbers as before.
    private static string Cell(double ms, CapacityStep step, double percentile, IReadOnlyList<Threshold> judged)
    {
        var limit = Threshold.LimitNear(judged, ThresholdMetric.Percentile, percentile, ms);
        return step.Samples > 0 ? LatencySummary.Cell(ms, step.Samples, percentile, "0.##", limit) : ReportFormat.Against(ms, "0.##", limit);
    }
}
