namespace Perf.Harness.Reports;

/// <summary>A report as a list of blocks, rendered to Markdown and to a self-contained HTML page.</summary>
/// <param name="Title">The page title and first heading.</param>
/// <param name="Blocks">The content.</param>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>The charts of the document.</summary>
    public IEnumerable<ReportImage> Images => Blocks.OfType<ReportImage>();
}
