using System.Globalization;
using System.Text;

namespace Telemetry.Data.Lifecycle;

/// <summary>The outcome of one retention run over every table.</summary>
/// <param name="Now">The instant the cutoffs were computed from.</param>
/// <param name="Tables">One report per rule, in run order.</param>
public sealed record RetentionReport(DateTime Now, IReadOnlyList<RetentionTableReport> Tables)
{
    /// <summary>A human-readable summary, one line per table and per whole partition.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            var verb = (table.DryRun ? "would " : string.Empty) + (table.Action == RetentionAction.Archive ? "archive" : "delete");
            text.Append(CultureInfo.InvariantCulture,
                $"{table.Table}: {verb} {table.TotalRows} rows older than {table.Cutoff:yyyy-MM-dd HH:mm:ss} ({(table.Partitioned ? "partition path" : "row path")}; {table.Elapsed.TotalSeconds:0.00} s)\n");
            foreach (var move in table.WholePartitions)
            {
                text.Append(CultureInfo.InvariantCulture, $"  partition {move.Partition}: {move.Rows} rows ({(table.Action == RetentionAction.Archive ? "EXCHANGE" : table.DroppedPartitions.Contains(move.Partition) ? "DROP" : "TRUNCATE")})\n");
            }

            // A table without an archive names its dropped months above; an archived table's go after their exchange.
            if (table.Action == RetentionAction.Archive && table.DroppedPartitions.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {(table.DryRun ? "would drop" : "dropped")} emptied partitions: {string.Join(", ", table.DroppedPartitions)}\n");
            }

            if (table.RowPathRows > 0 || table.Partitioned)
            {
                text.Append(CultureInfo.InvariantCulture, $"  row path: {table.RowPathRows} rows\n");
            }

            if (table.RecoveredRows > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"  recovered from an interrupted run: {table.RecoveredRows} rows\n");
            }
        }

        return text.ToString();
    }
}
