namespace Perf.Bench.Plans;

/// <summary>How a plan reads one table: access type, index and key parts, partitions, and estimated and actual rows.</summary>
/// <param name="Table">The table name as the plan prints it.</param>
/// <param name="AccessType">The join type: <c>ALL</c>, <c>index</c>, <c>range</c>, <c>ref</c>, <c>eq_ref</c>, <c>const</c>...</param>
/// <param name="Index">The index read, or null for a table scan.</param>
/// <param name="KeyParts">The index columns the access uses.</param>
/// <param name="Partitions">The partitions the access touches; empty on an unpartitioned table.</param>
/// <param name="RowsEstimated">The optimizer's estimate of rows read per scan, when the plan gives one.</param>
/// <param name="RowsActual">Rows actually read over all loops (MariaDB <c>r_rows × r_loops</c>, MySQL <c>rows × loops</c>), when the plan was executed.</param>
/// <param name="Covering">Whether the index alone answers the query (no row lookups).</param>
public sealed record TableAccess(
    string Table,
    string AccessType,
    string? Index,
    IReadOnlyList<string> KeyParts,
    IReadOnlyList<string> Partitions,
    double? RowsEstimated,
    double? RowsActual,
    bool Covering);
