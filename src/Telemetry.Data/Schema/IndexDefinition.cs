namespace Telemetry.Data.Schema;

/// <summary>A secondary index: its table, name, key columns in order, and whether it is unique.</summary>
public sealed record IndexDefinition(TelemetryTable Table, string Name, IReadOnlyList<string> Columns, bool Unique = false)
{
    /// <summary>The index as <c>CREATE TABLE</c> and <c>ALTER TABLE … ADD</c> write it.</summary>
    public string Definition => $"{(Unique ? "UNIQUE " : string.Empty)}KEY `{Name}` ({ColumnList})";

    /// <summary>The column list as written in DDL, with each column quoted.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => $"`{c}`"));
}
