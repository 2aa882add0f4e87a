using System.Text.Json.Serialization;
using Telemetry.Data.Schema;

namespace Perf.Bench.Gate;

/// <summary>What the gate expects of one (query, variant) plan.</summary>
/// <param name="Query">The query case name.</param>
/// <param name="Variant">The schema variant.</param>
/// <param name="AccessType">The expected access type of the main table access.</param>
/// <param name="Index">The expected index, or null for none.</param>
/// <param name="RowsRead">The handler reads when the baseline was taken (for the diff message).</param>
/// <param name="MaxRowsRead">The upper bound on handler reads.</param>
/// <param name="Partitions">The partitions touched when the baseline was taken; more fails the gate.</param>
/// <param name="Filesort">Whether the baseline plan sorted; a new filesort fails the gate.</param>
public sealed record PlanBaselineEntry(
    string Query,
    SchemaVariant Variant,
    string AccessType,
    string? Index,
    long RowsRead,
    long MaxRowsRead,
    int Partitions,
    bool Filesort)
{
    /// <summary>The key <c>query/Variant</c>.</summary>
    [JsonIgnore]
    public string Key => $"{Query}/{Variant}";
}
