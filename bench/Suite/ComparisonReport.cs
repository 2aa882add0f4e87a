using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Bench.Plans;
using Perf.Harness.Reports;
using Telemetry.Data.Schema;

namespace Perf.Bench.Suite;

/// <summary>The headline table: per query, rows read on each variant against rows returned, partitions touched, and time against Basic.</summary>
public static class ComparisonReport
{
    /// <summary>The report's title.</summary>
    public const string Title = "Variants compared";

    private static double LogicalPerCall(PageCounts pages) => (double)pages.LogicalReads / pages.Executions;

    /// <summary>Builds the document; timing columns show "—" when the suite did not run (plans only).</summary>
    public static ReportDocument Build(IReadOnlyList<PlanResult> plans, IReadOnlyList<TimingRow> timings)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(timings);
        var c = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var group in plans.GroupBy(p => p.Query))
        {
            var byVariant = group.ToDictionary(p => p.Variant);
            string Rows(SchemaVariant v) => byVariant.TryGetValue(v, out var p) ? (p.RowsExamined ?? p.RowsRead).ToString("N0", c) : "—";
            double? Mean(SchemaVariant v) => TimingCollector.Mean(timings, group.Key, v);
            string Ms(SchemaVariant v) => Mean(v) is { } m ? m.ToString(m < 10 ? "N2" : "N0", c) : "—";
            string Ratio(SchemaVariant v) => Mean(v) is { } m && Mean(SchemaVariant.Basic) is { } basic && basic > 0 ? (m / basic).ToString("N2", c) : "—";
            PageCounts? Pages(SchemaVariant v) => timings.FirstOrDefault(r => r.Query == group.Key && r.Variant == v)?.Pages;
            string PerCall(SchemaVariant v, Func<PageCounts, double> count) => Pages(v) is { Executions: > 0 } p ? count(p).ToString("N1", c) : "—";
            var parts = byVariant.TryGetValue(SchemaVariant.Partitioned, out var partitioned) && partitioned.Partitions.Count > 0
                ? partitioned.Partitions.Count.ToString(c)
                : "—";
            rows.Add(
            [
                group.Key,
                group.First().RowsReturned.ToString("N0", c),
                $"{Rows(SchemaVariant.Basic)} / {Rows(SchemaVariant.Composite)} / {Rows(SchemaVariant.Partitioned)}",
                parts,
                $"{Ms(SchemaVariant.Basic)} / {Ms(SchemaVariant.Composite)} / {Ms(SchemaVariant.Partitioned)}",
                Ratio(SchemaVariant.Composite),
                Ratio(SchemaVariant.Partitioned),
                $"{PerCall(SchemaVariant.Basic, LogicalPerCall)} / {PerCall(SchemaVariant.Composite, LogicalPerCall)} / {PerCall(SchemaVariant.Partitioned, LogicalPerCall)}",
                $"{PerCall(SchemaVariant.Basic, p => p.PhysicalPerExecution)} / {PerCall(SchemaVariant.Composite, p => p.PhysicalPerExecution)} / {PerCall(SchemaVariant.Partitioned, p => p.PhysicalPerExecution)}",
            ]);
        }

        return new ReportDocument(Title,
        [
            new ReportParagraph("Rows examined: rows the actual execution read (MariaDB `ANALYZE` r_rows, MySQL `EXPLAIN ANALYZE`), Basic / Composite / Partitioned."),
            new ReportParagraph("Parts: partitions the Partitioned variant touches. Exact handler reads (what the gate checks) are in plans.md."),
            new ReportParagraph("Mean: BenchmarkDotNet mean per call through the query layer; ×Basic: that variant's mean over Basic's."),
            new ReportParagraph("Pages and disk reads per call: the buffer pool's page requests (`Innodb_buffer_pool_read_requests`) and the pages of those read from disk (`Innodb_buffer_pool_reads`) over a benchmark's actual iterations, per call; the pool's size and flush method are in the manifest's server settings."),
            new ReportTable(["Query", "Returned", "Rows examined B / C / P", "Parts", "Mean ms B / C / P", "C ×Basic", "P ×Basic", "Pages per call B / C / P", "Disk reads per call B / C / P"], rows)
            {
                NumericColumns = [1, 2, 3, 4, 5, 6, 7, 8],
            },
        ]);
    }
}
