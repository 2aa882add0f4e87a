namespace Perf.Harness.Reports;

/// <summary>A bulleted list.</summary>
/// <param name="Items">One text per bullet.</param>
public sealed record ReportList(IReadOnlyList<string> Items) : ReportBlock;
