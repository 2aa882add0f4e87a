using System.Text;
using Perf.Harness.Reports;
using Perf.Harness.Results;

namespace Perf.Analysis.Gates;

/// <summary>Writes a gate's outputs: <c>gate.md</c> (with provenance), <c>junit.xml</c>, <c>gate.json</c>, and the GitHub step summary.</summary>
public static class GateOutput
{
    /// <summary>The environment variable GitHub Actions names the step summary file with.</summary>
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>The JUnit file's name.</summary>
    public const string JUnitFileName = "junit.xml";

    /// <summary>Writes the files into the run directory and appends the summary to <paramref name="stepSummaryPath"/> (default: <c>$GITHUB_STEP_SUMMARY</c>) when set; returns the Markdown's path.</summary>
    public static async Task<string> WriteAsync(ResultWriter writer, GateReport report, string? stepSummaryPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var document = GateDocument.Build(report);
        writer.Manifest.Parameters["gate.verdict"] = report.Passed ? "passed" : "failed";
        writer.Manifest.EndedUtc ??= DateTime.UtcNow;
        await writer.WriteJsonAsync("gate", report, cancellationToken).ConfigureAwait(false);
        await writer.WriteBytesAsync(JUnitFileName, new UTF8Encoding(false).GetBytes(JUnitXml.Render(report, writer.Manifest.StartedUtc)), cancellationToken).ConfigureAwait(false);
        var path = await writer.WriteReportAsync("gate", document, html: false, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        stepSummaryPath ??= Environment.GetEnvironmentVariable(StepSummaryVariable);
        if (!string.IsNullOrWhiteSpace(stepSummaryPath))
        {
            await File.AppendAllTextAsync(stepSummaryPath, MarkdownRenderer.Render(document) + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }

        return path;
    }
}
