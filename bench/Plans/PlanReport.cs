using System.Globalization;
using Perf.Harness.Reports;
using Telemetry.Data.Schema;

namespace Perf.Bench.Plans;

/// <summary>Lays out captured plans as a <see cref="ReportDocument"/>: one row per (query, variant), then the partitions the Partitioned variant touches.</summary>
public static class PlanReport
{
    /// <summary>The report's title.</summary>
    public const string Title = "Query plans";

    /// <summary>Builds the document.</summary>
    public static ReportDocument Build(IReadOnlyList<PlanResult> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var c = CultureInfo.InvariantCulture;
        return new ReportDocument(Title,
        [
            new ReportParagraph("Rows examined: the actual-execution plan's rows read (MariaDB `ANALYZE FORMAT=JSON` r_rows, MySQL `EXPLAIN ANALYZE`)."),
            new ReportParagraph("Handler reads: exact session `Handler_read_*` deltas of one run after a warm-up (what the gate compares)."),
            new ReportTable(
                ["Query", "Variant", "Access", "Index (key parts)", "Partitions", "Sort / temp", "Rows est.", "Rows examined", "Handler reads", "Rows returned", "Server ms"],
                [.. plans.Select(plan => (IReadOnlyList<string>)
                [
                    plan.Query,
                    plan.Variant.ToString(),
                    plan.AccessType,
                    plan.Index is null ? "—" : $"`{plan.Index}` ({string.Join(", ", plan.KeyParts)})",
                    plan.Partitions.Count == 0 ? "—" : plan.Partitions.Count.ToString(c),
                    (plan.Filesort, plan.TemporaryTable) switch
                    {
                        (true, true) => "filesort, temporary",
                        (true, false) => "filesort",
                        (false, true) => "temporary",
                        _ => "—",
                    },
                    string.Create(c, $"{plan.RowsEstimated:N0}"),
                    string.Create(c, $"{plan.RowsExamined:N0}"),
                    plan.RowsRead.ToString("N0", c),
                    plan.RowsReturned.ToString("N0", c),
                    string.Create(c, $"{plan.ExecutionMs:N2}"),
                ])])
            {
                NumericColumns = [4, 6, 7, 8, 9, 10],
            },
            new ReportHeading(1, "Partitions touched (Partitioned variant)"),
            new ReportTable(
                ["Query", "Partitions"],
                [.. plans.Where(p => p.Variant == SchemaVariant.Partitioned)
                    .Select(p => (IReadOnlyList<string>)[p.Query, p.Partitions.Count == 0 ? "—" : string.Join(", ", p.Partitions)])]),
        ]);
    }
}
