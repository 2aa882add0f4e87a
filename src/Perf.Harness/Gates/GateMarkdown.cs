using System.Globalization;
using System.Text;

namespace Perf.Harness.Gates;

/// <summary>Renders a <see cref="GateReport"/> as a Markdown summary (the body of <c>gate.md</c> and the GitHub step summary).</summary>
public static class GateMarkdown
{
    /// <summary>The summary: verdict and reason, every check, then the timing table.</summary>
    public static string Render(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.Append("# CI perf gate: ").AppendLine(report.Passed ? "passed" : "FAILED").AppendLine();
        b.Append("**").Append(report.Passed ? "Passed" : "Failed").Append("** (exit ").Append(report.ExitCode.ToString(c)).Append("): ").AppendLine(Escape(report.Reason)).AppendLine();
        b.AppendLine("| suite | check | result | details |");
        b.AppendLine("|---|---|---|---|");
        foreach (var check in report.Checks.Where(c => c.Suite != TimingGate.Suite || c.Outcome != GateOutcome.Passed))
        {
            b.Append("| ").Append(check.Suite).Append(" | ").Append(Escape(check.Name)).Append(" | ").Append(Icon(check.Outcome)).Append(" | ").Append(Escape(check.Message)).AppendLine(" |");
        }

        var passedTimings = report.Checks.Count(c => c.Suite == TimingGate.Suite && c.Outcome == GateOutcome.Passed);
        if (passedTimings > 0)
        {
            b.Append("| ").Append(TimingGate.Suite).Append(" | ").Append(passedTimings.ToString(c)).AppendLine(" queries | ✅ passed | see the table below |");
        }

        if (report.Timings.Count > 0)
        {
            b.AppendLine().AppendLine("## Query timings vs baseline (medians of round medians)").AppendLine();
            b.AppendLine("| query | baseline | this run | ratio | one-sided p | verdict |");
            b.AppendLine("|---|---|---|---|---|---|");
            foreach (var t in report.Timings)
            {
                b.Append("| ").Append(Escape(t.Name))
                    .Append(" | ").Append(double.IsFinite(t.BaselineMedianNs) ? TimingComparer.Time(t.BaselineMedianNs) : "–")
                    .Append(" | ").Append(double.IsFinite(t.CurrentMedianNs) ? TimingComparer.Time(t.CurrentMedianNs) : "–")
                    .Append(" | ").Append(double.IsFinite(t.Ratio) ? t.Ratio.ToString("0.00", c) + "×" : "–")
                    .Append(" | ").Append(t.PValue?.ToString("0.####", c) ?? "–")
                    .Append(" | ").Append(t.Verdict.ToString()).AppendLine(" |");
            }
        }

        return b.ToString();
    }

    private static string Icon(GateOutcome outcome) => outcome switch
    {
        GateOutcome.Passed => "✅ passed",
        GateOutcome.Failed => "❌ failed",
        GateOutcome.Error => "⛔ error",
        _ => "⏭ skipped",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
