using Perf.Seed.Generation;
using Telemetry.Data.Model;

namespace Perf.Tests.Seed;

public sealed class MetricRollupTests
{
    [Fact]
    public void Rollup_OverChunksInOrder_EqualsAGroupByOfTheRawRows_EachBatchSortedByWindow()
    {
        // Small chunks, so weeks and months span many chunks; health on, so both metric types count.
        var spec = GeneratedDataset.Spec(trades: 6_000);
        var plan = DatasetPlan.Create(spec, 1_000);
        var generator = new ChunkGenerator(plan, 0, 0);
        var rollup = new MetricRollup(plan);
        var trades = new List<Trade>();
        var health = new List<HealthSample>();
        var rows = new List<AggregatedMetric>();
        foreach (var chunk in plan.Chunks.Select(c => generator.Generate(c)))
        {
            trades.AddRange(chunk.Trades);
            health.AddRange(chunk.Health);
            var windows = MetricRollup.Aggregate(chunk);
            Assert.Equal(windows.Rows.OrderBy(r => r, WindowOrder), windows.Rows);
            rows.AddRange(rollup.Add(windows));
        }

        rows.AddRange(rollup.Finish());

        Assert.Equal(Expected(trades, health).OrderBy(r => r, WindowOrder), rows.OrderBy(r => r, WindowOrder));
        Assert.Contains(rows, r => r.MetricType == HealthMetrics.MetricType && r.WindowType == WindowType.Monthly);
    }

    [Fact]
    public void WindowsPerRawRow_ADatasetAtMostTwiceTheSample_EveryWindowOverEveryRow()
    {
        var plan = DatasetPlan.Create(GeneratedDataset.Spec(trades: 6_000), 1_000);
        var generator = new ChunkGenerator(plan, 0, 0);
        var rollup = new MetricRollup(plan);
        var windows = plan.Chunks.Sum(c => rollup.Add(MetricRollup.Aggregate(generator.Generate(c))).Count()) + rollup.Finish().Count();

        Assert.Equal((double)windows / plan.Chunks.Sum(c => c.Rows), MetricRollup.WindowsPerRawRow(plan, sampleRows: plan.Chunks.Sum(c => c.Rows) / 2), 12);
    }

    [Theory]
    [InlineData(30_000, 12)] // dense: 2,500 trades a profile over the range
    [InlineData(3_000, 40)] // sparse: 75
    public void WindowsPerRawRow_AMiddleSample_CloseToTheWholeDataset(long trades, int profiles)
    {
        // A fifth of the rows, from the middle: its first and last weeks and months count whole.
        var plan = DatasetPlan.Create(GeneratedDataset.Spec(trades: trades, profiles: profiles), 1_000);
        var whole = MetricRollup.WindowsPerRawRow(plan, sampleRows: long.MaxValue / 4);

        var sampled = MetricRollup.WindowsPerRawRow(plan, sampleRows: plan.Chunks.Sum(c => c.Rows) / 5);

        Assert.InRange(sampled / whole, 0.97, 1.1);
    }

    /// <summary>The windows by start, window type, profile, metric type and metric name (ordinal), as the rollup emits them.</summary>
    private static readonly Comparer<AggregatedMetric> WindowOrder = Comparer<AggregatedMetric>.Create((a, b) =>
    {
        var order = a.WindowStart.CompareTo(b.WindowStart);
        order = order != 0 ? order : a.WindowType.CompareTo(b.WindowType);
        order = order != 0 ? order : a.ProfileId.CompareTo(b.ProfileId);
        order = order != 0 ? order : string.CompareOrdinal(a.MetricType, b.MetricType);
        return order != 0 ? order : string.CompareOrdinal(a.MetricName, b.MetricName);
    });

    /// <summary>What TradeRollup and HealthRollup compute in SQL, written as one GROUP BY over every value a row contributes.</summary>
    private static IEnumerable<AggregatedMetric> Expected(List<Trade> trades, List<HealthSample> health)
    {
        var values = trades
            .SelectMany(t => new[] { "*", "symbol:" + t.Symbol, "trade_type:" + t.TradeType, "exit_reason:" + t.ExitReason }
                .Select(name => (t.ProfileId, Type: TradeMetrics.MetricType, Name: name, At: t.EntryTime, Value: t.Pnl)))
            .Concat(health.SelectMany(h => new[]
                {
                    ("latency_ms:", AsDecimal(h.LatencyMs)),
                    ("cpu_percent:", AsDecimal(h.CpuPercent)),
                    ("memory_mb:", AsDecimal(h.MemoryMb)),
                    ("error_count:", (decimal)h.ErrorCount),
                }
                .Select(m => (h.ProfileId, Type: HealthMetrics.MetricType, Name: m.Item1 + h.ScriptName, At: h.Timestamp, Value: m.Item2))));
        return Enum.GetValues<WindowType>()
            .SelectMany(windowType => values.GroupBy(v => (v.ProfileId, v.Type, v.Name, Start: windowType.WindowStart(v.At)))
                .Select(g => new AggregatedMetric(g.Key.ProfileId, g.Key.Type, g.Key.Name, windowType, g.Key.Start, windowType.WindowEnd(g.Key.Start),
                    g.Count(), g.Sum(v => v.Value), g.Min(v => v.Value), g.Max(v => v.Value), g.Count(v => v.Value > 0), g.Count(v => v.Value < 0))));

        // CAST(x AS DECIMAL(18,6)).
        static decimal AsDecimal(double value) => Math.Round((decimal)value, 6, MidpointRounding.AwayFromZero);
    }
}
