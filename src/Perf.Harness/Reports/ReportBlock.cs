namespace Perf.Harness.Reports;

/// <summary>One block of a report document, rendered to both Markdown and HTML.</summary>
/// <remarks>Text may hold <c>`code`</c> spans and <c>**strong**</c> words; everything else is plain text, escaped by each renderer.</remarks>
public abstract record ReportBlock;
