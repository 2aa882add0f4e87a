namespace Telemetry.Data.Schema;

/// <summary>A secondary index: its table, name and key columns in order.</summary>
public sealed record IndexDefinition(TelemetryTable Table, string Name, IReadOnlyList<string> Columns)
{
    /// <summary>The column list as written in DDL, with each column quoted.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => $"`{c}`"));
}
