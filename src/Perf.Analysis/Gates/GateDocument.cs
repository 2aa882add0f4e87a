using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.Reports;

namespace Perf.Analysis.Gates;

/// <summary>Lays out a <see cref="GateReport"/> as a <see cref="ReportDocument"/> (<c>gate.md</c> and the GitHub step summary).</summary>
public static class GateDocument
{
    /// <summary>Verdict and reason, every check (passing timings folded into one row), then the timing table.</summary>
    public static ReportDocument Build(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var checks = report.Checks
            .Where(check => check.Suite != TimingGate.Suite || check.Outcome != GateOutcome.Passed)
            .Select(check => (IReadOnlyList<string>)[check.Suite, check.Name, Icon(check.Outcome), check.Message])
            .ToList();
        var passedTimings = report.Checks.Count(check => check.Suite == TimingGate.Suite && check.Outcome == GateOutcome.Passed);
        if (passedTimings > 0)
        {
            checks.Add([TimingGate.Suite, passedTimings.ToString(c) + " queries", Icon(GateOutcome.Passed), "see the table below"]);
        }

        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"**{(report.Passed ? "Passed" : "Failed")}** (exit {report.ExitCode.ToString(c)}): {report.Reason.Replace("\n", " ", StringComparison.Ordinal)}"),
            new ReportTable(["suite", "check", "result", "details"], checks),
        };
        if (report.Timings.Count > 0)
        {
            blocks.Add(new ReportHeading(1, "Query timings vs baseline (medians of round medians)"));
            blocks.Add(new ReportTable(
                ["query", "baseline", "this run", "ratio", "one-sided p", "verdict"],
                [.. report.Timings.Select(t => (IReadOnlyList<string>)
                [
                    t.Name,
                    double.IsFinite(t.BaselineMedianNs) ? TimingComparer.Time(t.BaselineMedianNs) : "–",
                    double.IsFinite(t.CurrentMedianNs) ? TimingComparer.Time(t.CurrentMedianNs) : "–",
                    double.IsFinite(t.Ratio) ? t.Ratio.ToString("0.00", c) + "×" : "–",
                    t.PValue is { } p ? ReportFormat.PValue(p) : "–",
                    t.Verdict.ToString(),
                ])]));
        }

        return new ReportDocument("CI perf gate: " + (report.Passed ? "passed" : "FAILED"), blocks);
    }

    private static string Icon(GateOutcome outcome) => outcome switch
    {
        GateOutcome.Passed => "✅ passed",
        GateOutcome.Failed => "❌ failed",
        GateOutcome.Error => "⛔ error",
        _ => "⏭ skipped",
    };
}
