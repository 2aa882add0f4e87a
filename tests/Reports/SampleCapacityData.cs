using Perf.Harness.Reports;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

/// <summary>A synthetic three-size, three-variant measurement set with known shapes: Basic scans (linear), Composite seeks (log), Partitioned prunes (flat).</summary>
internal static class SampleCapacityData
{
    public static readonly long[] Sizes = [100_000, 1_000_000, 10_000_000];

    public static CapacityData Create()
    {
        var measurements = new List<VariantMeasurement>();
        foreach (var rows in Sizes)
        {
            measurements.Add(Measure(SchemaVariant.Basic, rows, p99: 5 + (1.2e-4 * rows), index: "idx_trades_profile_time", examined: rows / 10, capacity: 2e6 / (5 + (1.2e-4 * rows))));
            measurements.Add(Measure(SchemaVariant.Composite, rows, p99: rows switch { 100_000 => 20, 1_000_000 => 80, _ => 400 }, index: "idx_trades_profile_time", examined: rows / 100, capacity: 2e6 / (20 + (0.4e-4 * rows)), extraIndex: true));
            measurements.Add(Measure(SchemaVariant.Partitioned, rows, p99: rows switch { 100_000 => 18, 1_000_000 => 40, _ => 45 }, index: "idx_trades_profile_time", examined: 1_000, capacity: 2e6 / 25, extraIndex: true, partitions: 2));
        }

        return new CapacityData(measurements, LatencyTargets.Default);
    }

    private static VariantMeasurement Measure(SchemaVariant variant, long rows, double p99, string index, long examined, double capacity, bool extraIndex = false, int? partitions = null)
    {
        var queries = new List<QueryMeasurement>
        {
            new("trades_30d", p99 / 3, p99 * 0.8, p99, examined, [index], partitions),
            new("summary_7d", 2, 3, 4, 500, [index], partitions),
        };
        var indexes = new List<IndexSize> { new("dd_trade_performance", "PRIMARY", 120 * rows), new("dd_trade_performance", index, 40 * rows) };
        if (extraIndex)
        {
            indexes.Add(new IndexSize("dd_trade_performance", "idx_trades_exit_reason", 20 * rows));
        }

        return new VariantMeasurement(variant, rows, rows / 200_000.0, 1_000_000 + (120 * rows), indexes.Where(i => i.Index != "PRIMARY").Sum(i => i.Bytes), capacity, queries, indexes);
    }
}
