namespace Perf.Harness.Reports;

/// <summary>A heading.</summary>
/// <param name="Level">1 to 4.</param>
/// <param name="Text">The heading text.</param>
public sealed record ReportHeading(int Level, string Text) : ReportBlock;
