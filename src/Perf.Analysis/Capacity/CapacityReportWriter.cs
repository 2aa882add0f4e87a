using Perf.Harness.Reports;
using Perf.Harness.Results;

namespace Perf.Analysis.Capacity;

/// <summary>Writes a capacity report into a run directory: <c>report.md</c>, a self-contained <c>report.html</c>, the chart PNGs and <c>capacity.json</c>.</summary>
public static class CapacityReportWriter
{
    /// <summary>The report's file name without extension.</summary>
    private const string ReportName = "report";

    /// <summary>Renders <paramref name="analysis"/> and writes every file; returns the HTML's path.</summary>
    public static async Task<string> WriteAsync(ResultWriter writer, CapacityAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(analysis);
        var document = CapacityReportBuilder.Build(analysis);
        await writer.WriteJsonAsync("capacity", analysis, cancellationToken).ConfigureAwait(false);
        // Rendered again from a stored sweep, the end is the measuring run's as stored (none: it stopped midway), not the render's time.
        var rendered = writer.Manifest.Parameters.ContainsKey(ProvenanceBlock.RenderedParameter);
        if (!rendered)
        {
            writer.Manifest.EndedUtc ??= DateTime.UtcNow;
        }

        await writer.WriteReportAsync(ReportName, document, html: true, cancellationToken).ConfigureAwait(false);
        await (rendered ? writer.WriteManifestAsync(cancellationToken) : writer.CompleteAsync(cancellationToken)).ConfigureAwait(false);
        return Path.Combine(writer.Directory, ReportName + ".html");
    }
}
