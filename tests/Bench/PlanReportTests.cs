using Perf.Analysis.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Suite;
using Perf.Harness.Reports;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

public sealed class PlanReportTests
{
    private static readonly PlanResult[] Plans =
    [
        Plan(SchemaVariant.Basic, "ALL", null, 120_000, []),
        Plan(SchemaVariant.Partitioned, "range", "idx_trades_profile_time", 1_500, ["p202601", "p202602"]),
    ];

    [Fact]
    public void Build_TwoVariants_OneRowEachAndThePartitionsTouched()
    {
        var markdown = MarkdownRenderer.Render(PlanReport.Build(Plans));

        Assert.StartsWith("# Query plans\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| trades_30d | Basic | ALL | — | — | — | 120,000 | 120,000 | 120,000 | 100 | 1.50 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| trades_30d | Partitioned | range | `idx_trades_profile_time` (profile_id, entry_time) | 2 | filesort |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Partitions touched (Partitioned variant)", markdown, StringComparison.Ordinal);
        Assert.Contains("| trades_30d | p202601, p202602 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_WithAndWithoutTimings_RowsPerVariantAndRatioToBasic()
    {
        var timings = new[] { new TimingRow("trades_30d", SchemaVariant.Basic, 40, 50, 3, null, new PageCounts(1200, 30, 10)), new TimingRow("trades_30d", SchemaVariant.Partitioned, 2, 3, 3, null) };

        var timed = MarkdownRenderer.Render(ComparisonReport.Build(Plans, timings));
        var plansOnly = MarkdownRenderer.Render(ComparisonReport.Build(Plans, []));

        Assert.Contains("| trades_30d | 100 | 120,000 / — / 1,500 | 2 | 40 / — / 2.00 | — | 0.05 | 120.0 / — / — | 3.0 / — / — |", timed, StringComparison.Ordinal);
        Assert.Contains("| trades_30d | 100 | 120,000 / — / 1,500 | 2 | — / — / — | — | — | — / — / — | — / — / — |", plansOnly, StringComparison.Ordinal);
    }

    private static PlanResult Plan(SchemaVariant variant, string access, string? index, long rows, IReadOnlyList<string> partitions) =>
        new("trades_30d", variant, access, index, index is null ? [] : ["profile_id", "entry_time"], partitions, index is not null, false,
            rows, rows, 100, new HandlerReads(0, 1, 0, rows - 1, 0, 0, 0), 1.5, "SELECT 1", "", "{}", "{}");
}
