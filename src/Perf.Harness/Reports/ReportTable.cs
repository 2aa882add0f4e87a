namespace Perf.Harness.Reports;

/// <summary>A table.</summary>
/// <param name="Header">The column names.</param>
/// <param name="Rows">The cells, row by row.</param>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock
{
    /// <summary>Indexes of the columns that hold numbers, aligned right so their digits line up.</summary>
    public IReadOnlyCollection<int> NumericColumns { get; init; } = [];
}
