namespace Perf.Bench.Plans;

/// <summary>What a plan says, whatever the server and format it came from.</summary>
/// <param name="Tables">Every table access in plan order.</param>
/// <param name="Filesort">Whether rows are sorted after reading (not delivered in index order).</param>
/// <param name="TemporaryTable">Whether a temporary table is built (typically for GROUP BY).</param>
/// <param name="RowsReturned">Rows the statement returned, when the plan was executed and says so (MySQL <c>EXPLAIN ANALYZE</c>).</param>
/// <param name="TotalTimeMs">Execution time the server measured, when the plan was executed.</param>
public sealed record ParsedPlan(
    IReadOnlyList<TableAccess> Tables,
    bool Filesort,
    bool TemporaryTable,
    long? RowsReturned,
    double? TotalTimeMs)
{
    /// <summary>The access that reads the most rows (actual when known, else estimated): the one that decides the cost.</summary>
    public TableAccess? Main => Tables.OrderByDescending(t => t.RowsActual ?? t.RowsEstimated ?? 0).FirstOrDefault();

    /// <summary>Rows read over every access, when the plan was executed.</summary>
    public long? RowsExamined => Tables.Count > 0 && Tables.All(t => t.RowsActual is not null)
        ? (long)Math.Round(Tables.Sum(t => t.RowsActual!.Value))
        : null;
}
