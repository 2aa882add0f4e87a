using System.Buffers;
using System.Runtime.InteropServices;
using Telemetry.Data.Model;

namespace Perf.Seed.Generation;

/// <summary>
/// Computes the rows of <c>dd_telemetry_metrics</c> from the generated rows as they stream, the same windows and values
/// <c>TradeRollup</c> and <c>HealthRollup</c> compute in SQL from the loaded rows, without reading them back.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Aggregate"/> turns one chunk into its hourly and daily windows; it is pure, so chunks can be aggregated in
/// parallel. <see cref="Add"/> then takes the chunks in order: hourly and daily windows never cross a trading day, so a
/// chunk's are complete at once; weekly and monthly windows combine daily ones (counts and sums add, minima and maxima
/// combine, as in SQL) and come out once a later chunk starts after their end, or from <see cref="Finish"/>. At most two
/// weeks and two months are held at a time.
/// </para>
/// <para>
/// Values follow the SQL exactly: <c>pnl</c> as stored (DECIMAL(18,6), which the generated values fit), health doubles
/// rounded to DECIMAL(18,6) as <c>CAST</c> does (the generator rounds them to one or two places, so the conversion is
/// exact). Every batch comes out sorted by window, so the same dataset gives the same rows in the same order anywhere.
/// </para>
/// </remarks>
/// <param name="plan">The dataset's plan: a chunk's weekly and monthly windows end before the next chunk's first day.</param>
internal sealed class MetricRollup(DatasetPlan plan)
{
    private static readonly WindowType[] FromRaw = [WindowType.Hourly, WindowType.Daily];

    [ThreadStatic]
    private static ChunkAggregator? aggregator;

    private readonly Dictionary<WindowKey, Window> weekly = [];
    private readonly Dictionary<WindowKey, Window> monthly = [];

    /// <summary>Raw rows <see cref="WindowsPerRawRow"/> generates and rolls up (whole chunks, on every core): a second or two here.</summary>
    public const long SampleRows = 500_000;

    /// <summary>
    /// Metric windows per raw row (trades and health rows) of the dataset <paramref name="plan"/> describes, rolled up from its
    /// own rows: consecutive chunks from its middle holding about <paramref name="sampleRows"/> raw rows, or every chunk (exact)
    /// when the dataset holds at most twice that.
    /// </summary>
    /// <remarks>
    /// How many windows a row makes depends on the data's shape (rows per profile and hour, symbols per profile, scripts),
    /// so no constant serves: the medium preset makes 1.70 per raw row, a 30M sweep size (100 profiles, 50 trades each a
    /// day) 2.48. The middle of the range stands for all of it (profiles join and volume grows over it), and the sample's
    /// first and last weeks and months count as whole windows: for the small and medium presets and that sweep size the
    /// windows it projected were 0.99×, 1.02× and 1.01× those the seeds wrote.
    /// </remarks>
    public static double WindowsPerRawRow(DatasetPlan plan, long sampleRows = SampleRows)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var chunks = plan.Chunks;
        var total = chunks.Sum(c => c.Rows);
        var (first, count) = (0, chunks.Count);
        if (total > 2 * sampleRows)
        {
            long before = 0;
            while (before + chunks[first].Rows <= (total - sampleRows) / 2)
            {
                before += chunks[first++].Rows;
            }

            long taken = 0;
            for (count = 0; first + count < chunks.Count && taken < sampleRows; count++)
            {
                taken += chunks[first + count].Rows;
            }
        }

        var generator = new ChunkGenerator(plan, 0, 0);
        var rollup = new MetricRollup(plan);
        var sample = chunks.Skip(first).Take(count).ToList();
        var windows = sample.AsParallel().AsOrdered().Select(c => Aggregate(generator.Generate(c))).AsSequential().Sum(w => (long)rollup.Add(w).Count())
            + rollup.Finish().Count();
        var rows = sample.Sum(c => c.Rows);
        return rows == 0 ? 0 : (double)windows / rows;
    }

    /// <summary>The hourly and daily windows of one generated chunk (trades and health rows).</summary>
    public static ChunkWindows Aggregate(GeneratedChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return new ChunkWindows(chunk.Plan, (aggregator ??= new ChunkAggregator()).Aggregate(chunk));
    }

    /// <summary>Takes the next chunk's windows (chunks in order) and returns the rows complete so far: the chunk's hourly and daily windows, then the weekly and monthly windows that ended before the next chunk's first trading day.</summary>
    /// <param name="windows">The chunk's windows, from <see cref="Aggregate"/>.</param>
    public IEnumerable<AggregatedMetric> Add(ChunkWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var next = windows.Plan.Index + 1;
        DateTime? nextDay = next < plan.Chunks.Count
            ? plan.Universe.Days[plan.Chunks[next].FirstDay].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : null;
        foreach (var day in windows.Rows.Where(m => m.WindowType == WindowType.Daily))
        {
            var window = new Window(day.SampleCount, day.ValueSum, day.ValueMin, day.ValueMax, day.PositiveCount, day.NegativeCount);
            Merge(weekly, new WindowKey(day.ProfileId, day.MetricType, day.MetricName, WindowType.Weekly, WindowType.Weekly.WindowStart(day.WindowStart)), window);
            Merge(monthly, new WindowKey(day.ProfileId, day.MetricType, day.MetricName, WindowType.Monthly, WindowType.Monthly.WindowStart(day.WindowStart)), window);
        }

        return windows.Rows
            .Concat(Complete(weekly, nextDay))
            .Concat(Complete(monthly, nextDay));
    }

    /// <summary>The weekly and monthly windows still open after the last chunk.</summary>
    public IEnumerable<AggregatedMetric> Finish() => Complete(weekly, null).Concat(Complete(monthly, null));

    /// <summary>Removes and returns, sorted, the windows that end on or before <paramref name="before"/> (all when null).</summary>
    private static AggregatedMetric[] Complete(Dictionary<WindowKey, Window> open, DateTime? before)
    {
        var done = open.Where(w => before is not { } day || w.Key.WindowType.WindowEnd(w.Key.Start) <= day).ToList();
        foreach (var (key, _) in done)
        {
            open.Remove(key);
        }

        return Sorted(done);
    }

    /// <summary>The windows as metric rows, by start, window type, profile, metric type and metric name (ordinal): unique keys, so one order only.</summary>
    private static AggregatedMetric[] Sorted(ICollection<KeyValuePair<WindowKey, Window>> windows)
    {
        var order = ArrayPool<WindowOrder>.Shared.Rent(windows.Count);
        var rows = new AggregatedMetric[windows.Count];
        var i = 0;
        foreach (var (key, window) in windows)
        {
            order[i] = new WindowOrder(key.Start.Ticks, (int)key.WindowType, key.ProfileId, key.MetricType, key.MetricName);
            rows[i++] = key.ToMetric(window);
        }

        Array.Sort(order, rows, 0, rows.Length);
        ArrayPool<WindowOrder>.Shared.Return(order, clearArray: true);
        return rows;
    }

    private static void Merge(Dictionary<WindowKey, Window> windows, WindowKey key, Window part)
    {
        ref var window = ref CollectionsMarshal.GetValueRefOrAddDefault(windows, key, out var exists);
        window = exists ? window.Combine(part) : part;
    }

    /// <summary>A DOUBLE as <c>CAST(x AS DECIMAL(18,6))</c> gives it.</summary>
    private static decimal AsStored(double value) => Math.Round((decimal)value, 6, MidpointRounding.AwayFromZero);

    /// <summary>One thread's tables for <see cref="Aggregate"/>, cleared and reused for every chunk.</summary>
    /// <remarks>
    /// A chunk's windows fill megabytes: a new table per chunk (grown step by step on the large object heap) cost more in
    /// full collections than the aggregation itself. Each row updates eight windows, so the key is all integers (the metric
    /// name as its number in this chunk) and hashes without reading a string; names get their numbers once per chunk.
    /// </remarks>
    private sealed class ChunkAggregator
    {
        private static readonly string[] HealthPrefixes = ["latency_ms:", "cpu_percent:", "memory_mb:", "error_count:"];

        private readonly Dictionary<ChunkKey, Window> windows = [];
        private readonly List<(string MetricType, string MetricName)> names = [];
        private readonly Dictionary<string, int> symbols = [];
        private readonly Dictionary<string, int> tradeTypes = [];
        private readonly Dictionary<string, int> exitReasons = [];
        private readonly Dictionary<string, int> scripts = [];

        public AggregatedMetric[] Aggregate(GeneratedChunk chunk)
        {
            windows.Clear();
            names.Clear();
            symbols.Clear();
            tradeTypes.Clear();
            exitReasons.Clear();
            scripts.Clear();
            var allTrades = names.Count;
            names.Add((TradeMetrics.MetricType, TradeMetrics.AllTrades));

            foreach (var trade in chunk.Trades)
            {
                var symbol = TradeName(symbols, TradeMetrics.SymbolPrefix, trade.Symbol);
                var tradeType = TradeName(tradeTypes, TradeMetrics.TradeTypePrefix, trade.TradeType);
                var exitReason = TradeName(exitReasons, TradeMetrics.ExitReasonPrefix, trade.ExitReason);
                foreach (var windowType in FromRaw)
                {
                    var start = windowType.WindowStart(trade.EntryTime).Ticks;
                    Include(new ChunkKey(trade.ProfileId, allTrades, windowType, start), trade.Pnl);
                    Include(new ChunkKey(trade.ProfileId, symbol, windowType, start), trade.Pnl);
                    Include(new ChunkKey(trade.ProfileId, tradeType, windowType, start), trade.Pnl);
                    Include(new ChunkKey(trade.ProfileId, exitReason, windowType, start), trade.Pnl);
                }
            }

            foreach (var sample in chunk.Health)
            {
                // The script's four measures have consecutive numbers, in the order of HealthPrefixes.
                var first = ScriptNames(sample.ScriptName);
                var latency = AsStored(sample.LatencyMs);
                var cpu = AsStored(sample.CpuPercent);
                var memory = AsStored(sample.MemoryMb);
                decimal errors = sample.ErrorCount;
                foreach (var windowType in FromRaw)
                {
                    var start = windowType.WindowStart(sample.Timestamp).Ticks;
                    Include(new ChunkKey(sample.ProfileId, first, windowType, start), latency);
                    Include(new ChunkKey(sample.ProfileId, first + 1, windowType, start), cpu);
                    Include(new ChunkKey(sample.ProfileId, first + 2, windowType, start), memory);
                    Include(new ChunkKey(sample.ProfileId, first + 3, windowType, start), errors);
                }
            }

            return Sorted();
        }

        private int TradeName(Dictionary<string, int> family, string prefix, string value)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(family, value, out var exists);
            if (!exists)
            {
                id = names.Count;
                names.Add((TradeMetrics.MetricType, prefix + value));
            }

            return id;
        }

        private int ScriptNames(string script)
        {
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(scripts, script, out var exists);
            if (!exists)
            {
                first = names.Count;
                foreach (var prefix in HealthPrefixes)
                {
                    names.Add((HealthMetrics.MetricType, prefix + script));
                }
            }

            return first;
        }

        private void Include(ChunkKey key, decimal value)
        {
            ref var window = ref CollectionsMarshal.GetValueRefOrAddDefault(windows, key, out var exists);
            window = exists ? window.Combine(Window.Of(value)) : Window.Of(value);
        }

        /// <summary>The windows as metric rows in the order <see cref="WindowOrder"/> gives, with each name's rank among this chunk's names standing in for its strings.</summary>
        private AggregatedMetric[] Sorted()
        {
            var byName = Enumerable.Range(0, names.Count)
                .Order(Comparer<int>.Create((a, b) =>
                {
                    var order = string.CompareOrdinal(names[a].MetricType, names[b].MetricType);
                    return order != 0 ? order : string.CompareOrdinal(names[a].MetricName, names[b].MetricName);
                }))
                .ToArray();
            var rank = new int[names.Count];
            for (var i = 0; i < byName.Length; i++)
            {
                rank[byName[i]] = i;
            }

            var order = ArrayPool<ChunkOrder>.Shared.Rent(windows.Count);
            var rows = new AggregatedMetric[windows.Count];
            var at = 0;
            foreach (var (key, window) in windows)
            {
                var (metricType, metricName) = names[key.Name];
                var start = new DateTime(key.StartTicks, DateTimeKind.Utc);
                order[at] = new ChunkOrder(key.StartTicks, (int)key.WindowType, key.ProfileId, rank[key.Name]);
                rows[at++] = new AggregatedMetric(key.ProfileId, metricType, metricName, key.WindowType, start, key.WindowType.WindowEnd(start),
                    window.Count, window.Sum, window.Min, window.Max, window.Positive, window.Negative);
            }

            Array.Sort(order, rows, 0, rows.Length);
            ArrayPool<ChunkOrder>.Shared.Return(order);
            return rows;
        }
    }

    /// <summary>A window of one chunk: <see cref="WindowKey"/> with the metric type and name as their number in the chunk.</summary>
    private readonly record struct ChunkKey(int ProfileId, int Name, WindowType WindowType, long StartTicks)
    {
        public bool Equals(ChunkKey other) =>
            StartTicks == other.StartTicks && ProfileId == other.ProfileId && Name == other.Name && WindowType == other.WindowType;

        public override int GetHashCode() => HashCode.Combine(ProfileId, Name, WindowType, StartTicks);
    }

    /// <summary>A chunk window's place in the rows, as <see cref="WindowOrder"/> with the name's rank in place of the strings.</summary>
    private readonly record struct ChunkOrder(long StartTicks, int WindowType, int ProfileId, int NameRank) : IComparable<ChunkOrder>
    {
        public int CompareTo(ChunkOrder other)
        {
            var order = StartTicks.CompareTo(other.StartTicks);
            order = order != 0 ? order : WindowType.CompareTo(other.WindowType);
            order = order != 0 ? order : ProfileId.CompareTo(other.ProfileId);
            return order != 0 ? order : NameRank.CompareTo(other.NameRank);
        }
    }

    /// <summary>The identity of a window, as the table's unique key has it.</summary>
    private readonly record struct WindowKey(int ProfileId, string MetricType, string MetricName, WindowType WindowType, DateTime Start)
    {
        public AggregatedMetric ToMetric(Window window) => new(ProfileId, MetricType, MetricName, WindowType, Start, WindowType.WindowEnd(Start),
            window.Count, window.Sum, window.Min, window.Max, window.Positive, window.Negative);
    }

    /// <summary>A window's place in the rows: compared field by field, with no allocation (the sort runs once per chunk over all its windows).</summary>
    private readonly record struct WindowOrder(long StartTicks, int WindowType, int ProfileId, string MetricType, string MetricName) : IComparable<WindowOrder>
    {
        public int CompareTo(WindowOrder other)
        {
            var order = StartTicks.CompareTo(other.StartTicks);
            order = order != 0 ? order : WindowType.CompareTo(other.WindowType);
            order = order != 0 ? order : ProfileId.CompareTo(other.ProfileId);
            order = order != 0 ? order : string.CompareOrdinal(MetricType, other.MetricType);
            return order != 0 ? order : string.CompareOrdinal(MetricName, other.MetricName);
        }
    }

    /// <summary>Count, sum, minimum, maximum and sign counts of the values in a window.</summary>
    private readonly record struct Window(long Count, decimal Sum, decimal Min, decimal Max, long Positive, long Negative)
    {
        /// <summary>The window of one value.</summary>
        public static Window Of(decimal value) => new(1, value, value, value, value > 0 ? 1 : 0, value < 0 ? 1 : 0);

        /// <summary>The window of this window's values and <paramref name="other"/>'s.</summary>
        public Window Combine(Window other) => new(Count + other.Count, Sum + other.Sum, Math.Min(Min, other.Min),
            Math.Max(Max, other.Max), Positive + other.Positive, Negative + other.Negative);
    }

    /// <summary>One chunk's hourly and daily windows, sorted.</summary>
    /// <param name="Plan">The chunk.</param>
    /// <param name="Rows">Its windows as metric rows.</param>
    internal sealed record ChunkWindows(ChunkPlan Plan, IReadOnlyList<AggregatedMetric> Rows);
}
