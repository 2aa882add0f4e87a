using System.Globalization;
using System.Text;

namespace Telemetry.Data.Lifecycle;

/// <summary>What partition maintenance added and what it found in the catch-all partitions.</summary>
/// <param name="Added">Partitions added (or that would be, in a dry run), by table.</param>
/// <param name="CatchAllRows">Rows in each partitioned table's <c>p_future</c>; anything above zero needs a look.</param>
/// <param name="DryRun">Whether nothing was changed.</param>
public sealed record PartitionMaintenanceReport(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Added,
    IReadOnlyDictionary<string, long> CatchAllRows,
    bool DryRun)
{
    /// <summary>Whether any catch-all partition holds rows.</summary>
    public bool CatchAllHasRows => CatchAllRows.Values.Any(rows => rows > 0);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (table, rows) in CatchAllRows)
        {
            var added = Added.TryGetValue(table, out var names) ? string.Join(", ", names) : "none";
            text.Append(CultureInfo.InvariantCulture, $"{table}: {(DryRun ? "would add" : "added")} {added}; p_future holds {rows} rows{(rows > 0 ? " (WARNING)" : string.Empty)}\n");
        }

        return text.Length == 0 ? "No partitioned tables.\n" : text.ToString();
    }
}
