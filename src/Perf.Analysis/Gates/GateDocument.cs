using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.Reports;

namespace Perf.Analysis.Gates;

/// <summary>Lays out a <see cref="GateReport"/> as a <see cref="ReportDocument"/> (<c>gate.md</c> and the GitHub step summary).</summary>
public static class GateDocument
{
    /// <summary>Verdict and reason, every check (passing timings folded into one row), then the timing table, its ratio labelled by how the rounds were measured.</summary>
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
            var designs = report.Timings.Select(t => t.Design).Distinct().ToList();
            blocks.Add(new ReportHeading(1, "Query timings vs baseline"));
            blocks.Add(new ReportParagraph(
                "Baseline and this run: the median of each side's round medians; "
                + string.Join("; ", designs.Select(DescribeRatio))
                + ". A suspect re-measured keeps its first rounds' figures; its verdict gives the confirmation's."));
            blocks.Add(new ReportTable(
                ["query", "baseline", "this run", designs.Count == 1 ? RatioHeader(designs[0]) : "ratio", "one-sided p", "verdict"],
                [.. report.Timings.Select(t => (IReadOnlyList<string>)
                [
                    t.Name,
                    double.IsFinite(t.BaselineMedianNs) ? TimingComparer.Time(t.BaselineMedianNs) : "–",
                    double.IsFinite(t.CurrentMedianNs) ? TimingComparer.Time(t.CurrentMedianNs) : "–",
                    Ratio(t.Ratio),
                    t.PValue is { } p ? ReportFormat.PValue(p) : "–",
                    Verdict(t),
                ])]));
        }

        return new ReportDocument("CI perf gate: " + (report.Passed ? "passed" : "FAILED"), blocks);
    }

    private static string RatioHeader(TimingDesign design) => design == TimingDesign.Paired ? "ratio (median of per-round ratios)" : "ratio (of the medians)";

    private static string DescribeRatio(TimingDesign design) => design == TimingDesign.Paired
        ? "rounds paired (base and head interleaved): the ratio is the median of the per-round ratios this run ÷ baseline, p from Wilcoxon's signed-rank test on them"
        : "rounds measured apart (a stored baseline): the ratio is this run's median ÷ the baseline's, p from Mann–Whitney over the round medians";

    private static string Ratio(double ratio) => double.IsFinite(ratio) ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    /// <summary>The verdict, with the confirmation's figures when the suspect was re-measured: a not-confirmed row would otherwise show a slower ratio beside "Unchanged".</summary>
    private static string Verdict(TimingComparison timing) => timing.Confirmation switch
    {
        null => timing.Verdict.ToString(),
        { } again when timing.Verdict == TimingVerdict.Slower => $"Slower, confirmed ({Figures(again)})",
        { } again when timing.Verdict == TimingVerdict.Unchanged => $"Unchanged: not confirmed ({Figures(again)})",
        { } again => $"{timing.Verdict}: the confirmation could not judge it ({again.Verdict})",
    };

    private static string Figures(TimingComparison again) =>
        $"re-measured {Ratio(again.Ratio)}, {ReportFormat.PValue(again.PValue)}, {again.Verdict.ToString().ToLowerInvariant()}";

    private static string Icon(GateOutcome outcome) => outcome switch
    {
        GateOutcome.Passed => "✅ passed",
        GateOutcome.Failed => "❌ failed",
        GateOutcome.Error => "⛔ error",
        _ => "⏭ skipped",
    };
}
