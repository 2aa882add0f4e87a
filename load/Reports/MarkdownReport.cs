using System.Globalization;
using System.Text;

namespace Perf.Load.Reports;

/// <summary>Renders a summary as GitHub-flavoured Markdown (also used for <c>$GITHUB_STEP_SUMMARY</c>).</summary>
internal static class MarkdownReport
{
    /// <summary>The whole report.</summary>
    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        var c = summary.Configuration;
        var g = summary.Generator;
        Line(md, $"## Load test {(c.Label is null ? string.Empty : c.Label + " ")}— **{Word(summary.Verdict)}**");
        md.Append('\n');
        Line(md, $"- Target: `{c.Target}`; scenarios: `{c.Scenarios}`; load: {c.Load}");
        Line(md, $"- Measured {summary.MeasuredSeconds:0.#} s from {summary.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC; latency is measured from each request's **intended** start (coordinated-omission free)");
        if (summary.MergedFrom is { Count: > 0 } merged)
        {
            Line(md, $"- Merged from {merged.Count} runs: histograms added, percentiles recomputed");
        }

        if (summary.Provenance is { } p)
        {
            Line(md, $"- Commit `{p.Commit ?? "unknown"}`, machine `{p.Machine}` ({p.Cores} cores, {p.Os}), {p.Runtime}{(p.Server is null ? string.Empty : ", server " + p.Server)}{(p.Dataset is null ? string.Empty : ", dataset " + p.Dataset)}");
        }

        md.Append('\n');
        Line(md, $"### Thresholds");
        md.Append('\n');
        Line(md, $"| threshold | group | actual | result |");
        Line(md, $"|---|---|---:|---|");
        foreach (var t in summary.Thresholds)
        {
            Line(md, $"| `{t.Expression}` | {t.Group} | {t.ActualText} | {(t.Passed ? "PASS" : "FAIL")} |");
        }

        md.Append('\n');
        Line(md, $"### Generator health: {(g.Valid ? "valid" : "**INVALID**")}");
        md.Append('\n');
        if (g.Model == "open")
        {
            Line(md, $"Target {g.TargetRate:0.##}/s, achieved {g.AchievedRate:0.##}/s ({g.Sent} of {g.Scheduled} sent), late sends {g.LateSends}, dropped {g.Dropped}, dispatch lag p99 {g.DispatchLagP99Ms:0.###} ms, send lag (incl. waiting for a connection) p50 {g.SendLagP50Ms:0.###} ms / p99 {g.SendLagP99Ms:0.###} ms / max {g.SendLagMaxMs:0.###} ms, peak in-flight {g.PeakInFlight}.");
        }
        else
        {
            Line(md, $"Closed model (diagnostic, not an SLO gate: latency equals service time): {c.Concurrency} workers, achieved {g.AchievedRate:0.##}/s, peak in-flight {g.PeakInFlight}.");
        }

        foreach (var problem in g.Problems)
        {
            Line(md, $"- {problem}");
        }

        md.Append('\n');
        Line(md, $"### Latency (ms, end − intended start)");
        md.Append('\n');
        Line(md, $"| group | count | ok | fail | rps | p50 | p75 | p90 | p95 | p99 | p99.9 | max | service p50 | service p99 | bytes | status |");
        Line(md, $"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Row(md, "**total**", summary.Total);
        foreach (var s in summary.Scenarios)
        {
            Row(md, "scenario " + s.Name, s);
        }

        foreach (var e in summary.Endpoints)
        {
            Row(md, "endpoint " + e.Name, e);
        }

        return md.ToString();
    }

    /// <summary>PASS, FAIL or INVALID.</summary>
    public static string Word(Verdict verdict) => verdict.ToString().ToUpperInvariant();

    private static void Row(StringBuilder md, string label, GroupSummary s)
    {
        var l = s.Latency;
        var codes = string.Join(" ", s.StatusCodes.Select(p => FormattableString.Invariant($"{p.Key}×{p.Value}")));
        Line(md, $"| {label} | {s.Count} | {s.Ok} | {s.Failed} | {s.Rps:0.#} | {l.P50:0.##} | {l.P75:0.##} | {l.P90:0.##} | {l.P95:0.##} | {l.P99:0.##} | {l.P999:0.##} | {l.Max:0.##} | {s.ServiceTime.P50:0.##} | {s.ServiceTime.P99:0.##} | {s.Bytes} | {codes} |");
    }

    private static void Line(StringBuilder md, FormattableString text)
    {
        md.Append(text.ToString(CultureInfo.InvariantCulture));
        md.Append('\n');
    }
}
