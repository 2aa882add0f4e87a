using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Tests.Reports;

/// <summary>A synthetic three-size, three-variant measurement set with known shapes: Basic scans (linear work), Composite seeks (linear but 10× less), Partitioned prunes (constant work).</summary>
/// <remarks>Every query has 12 rounds × 6 executions spread ±5 % around its typical latency: enough for a p95 interval (72), not for a p99 (368).</remarks>
internal static class SampleCapacityData
{
    public const int Rounds = 12;
    public const int Executions = 6;
    public static readonly long[] Sizes = [100_000, 1_000_000, 10_000_000];

    public static CapacityData Create()
    {
        var measurements = new List<VariantMeasurement>();
        foreach (var rows in Sizes)
        {
            measurements.Add(Measure(SchemaVariant.Basic, rows, typicalMs: 5 + (1.2e-4 * rows), index: "idx_trades_profile_time", examined: rows / 10, capacity: 2e6 / (5 + (1.2e-4 * rows))));
            measurements.Add(Measure(SchemaVariant.Composite, rows, typicalMs: rows switch { 100_000 => 20, 1_000_000 => 80, _ => 400 }, index: "idx_trades_profile_time", examined: rows / 100, capacity: 2e6 / (20 + (0.4e-4 * rows)), extraIndex: true));
            measurements.Add(Measure(SchemaVariant.Partitioned, rows, typicalMs: rows switch { 100_000 => 18, 1_000_000 => 40, _ => 45 }, index: "idx_trades_profile_time", examined: 1_000, capacity: 2e6 / 25, extraIndex: true, partitions: 2));
        }

        return new CapacityData(measurements, LatencyTargets.Default);
    }

    /// <summary><see cref="Rounds"/> rounds of <see cref="Executions"/> executions from 0.95× to 1.05× <paramref name="typicalMs"/>, shuffled deterministically.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Spread(double typicalMs, int offset = 0) =>
        [.. Enumerable.Range(0, Rounds).Select(r => (IReadOnlyList<double>)[.. Enumerable.Range(0, Executions).Select(e => typicalMs * (0.95 + (0.1 * ((((r * Executions) + e + offset) * 37) % (Rounds * Executions)) / ((Rounds * Executions) - 1))))])];

    /// <summary>The target calls of <paramref name="query"/> alone, against the default targets: a report of one query.</summary>
    public static TargetTests Alone(QueryMeasurement query) => TargetTests.Of([query], LatencyTargets.Default);

    public static QueryMeasurement Query(string name, double typicalMs, long examined, string index = "idx_trades_profile_time", int? partitions = null, int offset = 0) =>
        QueryMeasurement.FromRounds(name, Spread(typicalMs, offset), new ExactWork(examined, (examined / 50) + 3, 0, partitions, false, false, $"range on {index}"), [index]);

    private static VariantMeasurement Measure(SchemaVariant variant, long rows, double typicalMs, string index, long examined, double capacity, bool extraIndex = false, int? partitions = null)
    {
        var queries = new List<QueryMeasurement>
        {
            Query("trades_30d", typicalMs, examined, index, partitions),
            Query("summary_7d", 2, 500, index, partitions, offset: (int)variant * 5),
        };
        var indexes = new List<IndexSize> { new("dd_trade_performance", "PRIMARY", 120 * rows), new("dd_trade_performance", index, 40 * rows) };
        if (extraIndex)
        {
            indexes.Add(new IndexSize("dd_trade_performance", "idx_trades_exit_reason", 20 * rows));
        }

        return new VariantMeasurement(variant, rows, rows / 200_000.0, 1_000_000 + (120 * rows), indexes.Where(i => i.Index != "PRIMARY").Sum(i => i.Bytes), capacity, queries, indexes);
    }
}
