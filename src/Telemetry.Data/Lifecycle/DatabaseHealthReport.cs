using System.Globalization;
using System.Text;

namespace Telemetry.Data.Lifecycle;

/// <summary>One database monitoring pass: sizes, growth, buffer-pool hit rate, slow queries and the warnings they raised.</summary>
/// <param name="Sizes">Every telemetry table and partition.</param>
/// <param name="Growth">Per-table growth since the newest snapshot at least an hour old.</param>
/// <param name="BufferPoolHitRate">InnoDB buffer-pool hit rate since server start (1 − reads from disk / read requests).</param>
/// <param name="SlowQueries">Statements running longer than the threshold, with plans.</param>
/// <param name="Warnings">Human-readable warnings; empty when all is well.</param>
public sealed record DatabaseHealthReport(
    IReadOnlyList<TableSize> Sizes,
    IReadOnlyList<TableGrowth> Growth,
    double? BufferPoolHitRate,
    IReadOnlyList<SlowQuery> SlowQueries,
    IReadOnlyList<string> Warnings)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("table                                partition   rows        data MiB  index MiB\n");
        foreach (var size in Sizes)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{size.Table,-36} {size.Partition ?? "-",-11} {size.Rows,10} {size.DataBytes / 1048576.0,9:0.0} {size.IndexBytes / 1048576.0,9:0.0}\n");
        }

        foreach (var growth in Growth)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"growth {growth.Table}: {growth.Bytes / 1048576.0:0.0} MiB now, {(growth.DailyGrowth is { } g ? (g * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %/day" : "no snapshot an hour or more old yet")}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"buffer pool hit rate: {(BufferPoolHitRate is { } hit ? (hit * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "n/a")}\n");
        foreach (var slow in SlowQueries)
        {
            text.Append(CultureInfo.InvariantCulture, $"slow query ({slow.Elapsed.TotalSeconds:0.0} s, connection {slow.ConnectionId}): {slow.Sql}\n  plan: {slow.Plan}\n");
        }

        foreach (var warning in Warnings)
        {
            text.Append("WARNING: ").Append(warning).Append('\n');
        }

        return text.ToString();
    }
}
