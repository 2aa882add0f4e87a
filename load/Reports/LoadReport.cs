using System.Globalization;
using HdrHistogram;
using Perf.Analysis.Capacity;
using Perf.Harness.Reports;
using Perf.Load.Thresholds;

namespace Perf.Load.Reports;

/// <summary>Lays out a run's summary as a <see cref="ReportDocument"/>: thresholds, generator health and latency per group, with charts for the HTML report.</summary>
internal static class LoadReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The text of the report, without charts (also the <c>$GITHUB_STEP_SUMMARY</c>).</summary>
    public static ReportDocument Build(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var c = summary.Configuration;
        var g = summary.Generator;
        var facts = new List<string>
        {
            $"Target: `{c.Target}`; scenarios: `{c.Scenarios}`; load: {c.Load}",
            string.Create(C, $"Measured {summary.MeasuredSeconds:0.#} s from {summary.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC; ") + (g.Model == "open"
                ? "latency is measured from each request's **intended** start (coordinated-omission free)"
                : "latency is **service time**: a closed model sends only after a response, so it hides stalls (coordinated omission)"),
        };
        if (summary.Cache is { } cache)
        {
            facts.Add(cache.Describe());
        }

        if (summary.Outage is { } outage)
        {
            facts.Add("**Fault:** " + outage.Describe(summary.StartedUtc) + " The timeline charts shade the window.");
        }

        if (summary.MergedFrom is { Count: > 0 } merged)
        {
            facts.Add(string.Create(C, $"Merged from {merged.Count} runs: histograms added, percentiles recomputed"));
            if (summary.MergedTimeNote() is { } note)
            {
                facts.Add("**Time:** " + note);
            }
        }

        var blocks = new List<ReportBlock>
        {
            new ReportList(facts),
            new ReportHeading(1, "Thresholds"),
            new ReportTable(
                ["threshold", "group", "actual", "result"],
                [.. summary.Thresholds.Select(t => (IReadOnlyList<string>)[$"`{t.Expression}`", t.Group, t.ActualText, Word(t)])])
            {
                NumericColumns = [2],
            },
            new ReportHeading(1, $"Generator health: {(g.Valid ? "valid" : "**INVALID**")}"),
            new ReportParagraph(g.Model == "open"
                ? string.Create(C, $"Target {g.TargetRate:0.##}/s, achieved {g.AchievedRate:0.##}/s ({g.Sent} of {g.Scheduled} sent), late sends {g.LateSends}, dropped {g.Dropped}, dispatch lag p99 {g.DispatchLagP99Ms:0.###} ms, send lag (incl. waiting for a connection) p50 {g.SendLagP50Ms:0.###} ms / p99 {g.SendLagP99Ms:0.###} ms / max {g.SendLagMaxMs:0.###} ms, peak in-flight {g.PeakInFlight}.")
                : string.Create(C, $"Closed model (diagnostic, not an SLO gate: latency equals service time): {c.Concurrency} workers, achieved {g.AchievedRate:0.##}/s, peak in-flight {g.PeakInFlight}.")),
        };
        if (g.Problems.Count > 0)
        {
            blocks.Add(new ReportList(g.Problems));
        }

        blocks.Add(new ReportHeading(1, "Latency (ms, end − intended start)"));
        blocks.Add(new ReportTable(
            ["group", "count", "ok", "fail", "of which shed", "rps", "p50", "p75", "p90", "p95", "p99", "p99.9", "max", "service p50", "service p99", "bytes", "status"],
            [
                Row("**total**", summary.Total, summary.Thresholds),
                .. summary.Scenarios.Select(s => Row("scenario " + s.Name, s, summary.Thresholds)),
                .. summary.Endpoints.Select(e => Row("endpoint " + e.Name, e, summary.Thresholds)),
            ])
        {
            NumericColumns = [.. Enumerable.Range(1, 15)],
        });
        return new ReportDocument($"Load test {(c.Label is null ? string.Empty : c.Label + " ")}— {Word(summary.Verdict)}", blocks);
    }

    /// <summary><paramref name="text"/> followed by the charts: latency by percentile and, when the run has a timeline, latency and throughput over time.</summary>
    public static ReportDocument WithCharts(ReportDocument text, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(input);
        var series = new List<(string, HistogramBase)>
        {
            ("all: end − intended", input.Total.Latency),
            ("all: service time (end − actual start)", input.Total.Service),
        };
        series.AddRange(input.Endpoints.Select(e => ("endpoint " + e.Name, e.Latency)));
        var blocks = new List<ReportBlock>(text.Blocks)
        {
            new ReportHeading(1, "Latency by percentile"),
            new ReportImage("latency-percentiles.png", "latency by percentile, end − intended and service time, per endpoint", ChartRenderer.PercentileChart(series)),
        };
        var timeline = input.Summary.Timeline;
        if (timeline.Count > 0)
        {
            blocks.Add(new ReportHeading(1, "Over time"));
            var outage = input.Summary.Outage?.Window(input.Summary.StartedUtc);
            blocks.Add(new ReportImage("latency-over-time.png", "latency p50, p90, p99 and max per interval", ChartRenderer.LatencyOverTime(timeline, outage)));
            blocks.Add(new ReportImage("throughput-over-time.png", "requests and errors per second", ChartRenderer.ThroughputOverTime(timeline, outage)));
        }

        return text with { Blocks = blocks };
    }

    /// <summary>PASS, FAIL, INVALID, NOT SETTLED or NOT JUDGED (no thresholds set).</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.NotJudged => "NOT JUDGED (no thresholds set)",
        Verdict.NotSettled => "NOT SETTLED",
        _ => verdict.ToString().ToUpperInvariant(),
    };

    /// <summary>A threshold's result: PASS, FAIL (shown missed) or NOT SETTLED (<see cref="ThresholdResult.Settled"/>).</summary>
    public static string Word(ThresholdResult threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return threshold.Passed ? "PASS" : threshold.Settled ? "FAIL" : "NOT SETTLED";
    }

    /// <summary>One group's row; a latency a threshold judged on this group (a percentile, the maximum) reads on its side of the limit.</summary>
    private static IReadOnlyList<string> Row(string label, GroupSummary s, IReadOnlyList<ThresholdResult> thresholds)
    {
        var l = s.Latency;
        // Results written before histograms recorded their count: every request of the group is in them.
        var (n, service) = (l.Samples > 0 ? l.Samples : s.Count, s.ServiceTime.Samples > 0 ? s.ServiceTime.Samples : s.Count);
        List<Threshold> judged = [.. thresholds.Where(t => t.Group == s.Name).Select(t => ThresholdParser.Parse(t.Expression))];
        string Judged(double ms, long samples, double percentile) =>
            LatencySummary.Cell(ms, samples, percentile, "0.##", Threshold.LimitNear(judged, ThresholdMetric.Percentile, percentile, ms));
        return
        [
            label,
            Invariant(s.Count), Invariant(s.Ok), Invariant(s.Failed), Invariant(s.Shed), s.Rps.ToString("0.#", C),
            Judged(l.P50, n, 50), Judged(l.P75, n, 75), Judged(l.P90, n, 90), Judged(l.P95, n, 95), Judged(l.P99, n, 99), Judged(l.P999, n, 99.9),
            ReportFormat.Against(l.Max, "0.##", Threshold.LimitNear(judged, ThresholdMetric.Maximum, 0, l.Max)),
            Cell(s.ServiceTime.P50, service, 50), Cell(s.ServiceTime.P99, service, 99),
            Invariant(s.Bytes),
            string.Join(" ", s.StatusCodes.Select(p => string.Create(C, $"{p.Key}×{p.Value}"))),
        ];
    }

    private static string Cell(double ms, long samples, double percentile) => LatencySummary.Cell(ms, samples, percentile, "0.##");

    private static string Invariant(long value) => value.ToString(C);
}
