using System.Globalization;
using System.Text;
using Perf.Bench.Plans;
using Telemetry.Data.Schema;

namespace Perf.Bench.Suite;

/// <summary>The headline table: per query, rows read on each variant against rows returned, partitions touched, and time against Basic.</summary>
public static class ComparisonReport
{
    /// <summary>Renders the table; timing columns are blank when the suite did not run (plans only).</summary>
    public static string Render(IReadOnlyList<PlanResult> plans, IReadOnlyList<TimingRow> timings)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(timings);
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("## Variants compared");
        b.AppendLine();
        b.AppendLine("Rows examined: rows the actual execution read (MariaDB `ANALYZE` r_rows, MySQL `EXPLAIN ANALYZE`), Basic / Composite / Partitioned.");
        b.AppendLine("Parts: partitions the Partitioned variant touches. Exact handler reads (what the gate checks) are in plans.md.");
        b.AppendLine("Mean: BenchmarkDotNet mean per call through the query layer; ×Basic: that variant's mean over Basic's.");
        b.AppendLine();
        b.AppendLine("| Query | Returned | Rows examined B / C / P | Parts | Mean ms B / C / P | C ×Basic | P ×Basic |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in plans.GroupBy(p => p.Query))
        {
            var byVariant = group.ToDictionary(p => p.Variant);
            string Rows(SchemaVariant v) => byVariant.TryGetValue(v, out var p) ? (p.RowsExamined ?? p.RowsRead).ToString("N0", c) : "—";
            double? Mean(SchemaVariant v) => TimingCollector.Mean(timings, group.Key, v);
            string Ms(SchemaVariant v) => Mean(v) is { } m ? m.ToString(m < 10 ? "N2" : "N0", c) : "—";
            string Ratio(SchemaVariant v) => Mean(v) is { } m && Mean(SchemaVariant.Basic) is { } basic && basic > 0 ? (m / basic).ToString("N2", c) : "—";
            var returned = group.First().RowsReturned.ToString("N0", c);
            var parts = byVariant.TryGetValue(SchemaVariant.Partitioned, out var partitioned) && partitioned.Partitions.Count > 0
                ? partitioned.Partitions.Count.ToString(c)
                : "—";
            b.AppendLine(c, $"| {group.Key} | {returned} | {Rows(SchemaVariant.Basic)} / {Rows(SchemaVariant.Composite)} / {Rows(SchemaVariant.Partitioned)} | {parts} | {Ms(SchemaVariant.Basic)} / {Ms(SchemaVariant.Composite)} / {Ms(SchemaVariant.Partitioned)} | {Ratio(SchemaVariant.Composite)} | {Ratio(SchemaVariant.Partitioned)} |");
        }

        return b.ToString();
    }
}
