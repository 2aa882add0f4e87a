using System.Text.Json.Serialization;
using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Plans;

/// <summary>The captured plan of one query on one variant: what the optimizer chose and what execution actually read.</summary>
/// <param name="Query">The query case name.</param>
/// <param name="Variant">The schema variant.</param>
/// <param name="AccessType">The main table access type (<c>ALL</c> is a full table scan, <c>index</c> a full index scan).</param>
/// <param name="Index">The index of the main access, or null.</param>
/// <param name="KeyParts">The index columns the main access uses.</param>
/// <param name="Partitions">The partitions touched (empty on unpartitioned tables).</param>
/// <param name="Filesort">Whether the rows are sorted after reading.</param>
/// <param name="TemporaryTable">Whether a temporary table is built.</param>
/// <param name="RowsEstimated">The optimizer's row estimate for the main access.</param>
/// <param name="RowsExamined">Rows read by all accesses in the actual execution (MariaDB <c>r_rows</c>, MySQL <c>EXPLAIN ANALYZE</c>).</param>
/// <param name="RowsReturned">Rows the statement returned.</param>
/// <param name="HandlerReads">Exact session <c>Handler_read_*</c> deltas of one execution after a warm-up run.</param>
/// <param name="ExecutionMs">The server-measured execution time of the analyzed run.</param>
/// <param name="Sql">The statement as sent.</param>
/// <param name="Parameters">The query's parameters, as the query layer's request object prints them.</param>
/// <param name="Explain">The raw <c>EXPLAIN FORMAT=JSON</c>.</param>
/// <param name="Analyze">The raw actual-execution plan (<c>ANALYZE FORMAT=JSON</c> or <c>EXPLAIN ANALYZE</c>).</param>
public sealed record PlanResult(
    string Query,
    SchemaVariant Variant,
    string AccessType,
    string? Index,
    IReadOnlyList<string> KeyParts,
    IReadOnlyList<string> Partitions,
    bool Filesort,
    bool TemporaryTable,
    double? RowsEstimated,
    long? RowsExamined,
    long RowsReturned,
    HandlerReads HandlerReads,
    double? ExecutionMs,
    string Sql,
    string Parameters,
    string Explain,
    string Analyze)
{
    /// <summary>The key of this plan in reports and the baseline: <c>query/Variant</c>.</summary>
    [JsonIgnore]
    public string Key => $"{Query}/{Variant}";

    /// <summary>Buffer pool pages of one execution, when captured (plans recorded before this field have none).</summary>
    public PageReads? Pages { get; init; }

    /// <summary>The exact row count gates compare: every row the engine handed over.</summary>
    public long RowsRead => HandlerReads.Total;

    /// <summary>This plan's deterministic work, as the analysis compares it.</summary>
    /// <remarks>Pages only where the server counted the statement's own (<see cref="PageScope.Statement"/>): a server-wide delta holds other sessions' work, so it is neither compared nor reported as this statement's.</remarks>
    public ExactWork ToExactWork()
    {
        var pages = Pages is { LogicalScope: PageScope.Statement } own ? own : null;
        return new(RowsRead, pages?.Logical, pages?.Physical, Partitions.Count > 0 ? Partitions.Count : null, Filesort, TemporaryTable, Index is null ? AccessType : $"{AccessType} on {Index}");
    }
}
