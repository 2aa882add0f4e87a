namespace Perf.Harness.Reports;

/// <summary>A paragraph of text.</summary>
/// <param name="Text">The text.</param>
public sealed record ReportParagraph(string Text) : ReportBlock;
