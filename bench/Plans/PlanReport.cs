using System.Globalization;
using System.Text;
using Telemetry.Data.Schema;

namespace Perf.Bench.Plans;

/// <summary>Renders captured plans as Markdown: one row per (query, variant), grouped by query.</summary>
public static class PlanReport
{
    /// <summary>The plans table.</summary>
    public static string Render(IReadOnlyList<PlanResult> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("## Query plans");
        b.AppendLine();
        b.AppendLine("Rows examined: the actual-execution plan's rows read (MariaDB `ANALYZE FORMAT=JSON` r_rows, MySQL `EXPLAIN ANALYZE`).");
        b.AppendLine("Handler reads: exact session `Handler_read_*` deltas of one run after a warm-up (what the gate compares).");
        b.AppendLine();
        b.AppendLine("| Query | Variant | Access | Index (key parts) | Partitions | Sort / temp | Rows est. | Rows examined | Handler reads | Rows returned | Server ms |");
        b.AppendLine("|---|---|---|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var plan in plans)
        {
            var index = plan.Index is null ? "—" : $"`{plan.Index}` ({string.Join(", ", plan.KeyParts)})";
            var partitions = plan.Partitions.Count == 0 ? "—" : plan.Partitions.Count.ToString(c);
            var sort = (plan.Filesort, plan.TemporaryTable) switch
            {
                (true, true) => "filesort, temporary",
                (true, false) => "filesort",
                (false, true) => "temporary",
                _ => "—",
            };
            b.Append(c, $"| {plan.Query} | {plan.Variant} | {plan.AccessType} | {index} | {partitions} | {sort} | ")
                .Append(c, $"{plan.RowsEstimated:N0} | {plan.RowsExamined:N0} | {plan.RowsRead:N0} | {plan.RowsReturned:N0} | {plan.ExecutionMs:N2} |")
                .AppendLine();
        }

        return b.ToString();
    }

    /// <summary>Partition names of the partitioned variant per query, for readers who want to see the pruning.</summary>
    public static string RenderPartitions(IReadOnlyList<PlanResult> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var b = new StringBuilder();
        b.AppendLine("## Partitions touched (Partitioned variant)");
        b.AppendLine();
        b.AppendLine("| Query | Partitions |");
        b.AppendLine("|---|---|");
        foreach (var plan in plans.Where(p => p.Variant == SchemaVariant.Partitioned))
        {
            b.AppendLine($"| {plan.Query} | {(plan.Partitions.Count == 0 ? "—" : string.Join(", ", plan.Partitions))} |");
        }

        return b.ToString();
    }
}
