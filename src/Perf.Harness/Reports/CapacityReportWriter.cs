using System.Text;
using Perf.Harness.Results;

namespace Perf.Harness.Reports;

/// <summary>Writes a capacity report into a run directory: <c>report.md</c>, a self-contained <c>report.html</c>, the chart PNGs and <c>capacity.json</c>.</summary>
public static class CapacityReportWriter
{
    /// <summary>The HTML report's file name.</summary>
    public const string HtmlFileName = "report.html";

    /// <summary>Renders <paramref name="analysis"/> and writes every file; returns the HTML's path.</summary>
    public static async Task<string> WriteAsync(ResultWriter writer, CapacityAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(analysis);
        var document = CapacityReportBuilder.Build(analysis);
        foreach (var image in document.Images)
        {
            await writer.WriteBytesAsync(image.FileName, image.Png, cancellationToken).ConfigureAwait(false);
        }

        await writer.WriteJsonAsync("capacity", analysis, cancellationToken).ConfigureAwait(false);
        writer.Manifest.EndedUtc ??= DateTime.UtcNow;
        await writer.WriteMarkdownAsync("report", MarkdownRenderer.Render(document), cancellationToken).ConfigureAwait(false);
        var html = HtmlRenderer.Render(document, ResultWriter.RenderProvenance(writer.Manifest));
        var path = await writer.WriteBytesAsync(HtmlFileName, new UTF8Encoding(false).GetBytes(html), cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return path;
    }
}
