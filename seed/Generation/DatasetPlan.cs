namespace Perf.Seed.Generation;

/// <summary>How many rows each trading day gets and how the days group into load chunks.</summary>
/// <remarks>Per-day counts depend only on the spec, so chunking (a loading concern) never changes the rows.</remarks>
internal sealed class DatasetPlan
{
    private DatasetPlan(DatasetSpec spec, MarketUniverse universe, long[] tradesPerDay, long[] healthPerDay, int samplesPerDay, IReadOnlyList<ChunkPlan> chunks)
    {
        Spec = spec;
        Universe = universe;
        TradesPerDay = tradesPerDay;
        HealthPerDay = healthPerDay;
        HealthSamplesPerDay = samplesPerDay;
        Chunks = chunks;
    }

    /// <summary>Minutes before the open and after the close in which scripts report health.</summary>
    public const int HealthMarginMinutes = 30;

    /// <summary>The spec planned.</summary>
    public DatasetSpec Spec { get; }

    /// <summary>The universe the rows come from.</summary>
    public MarketUniverse Universe { get; }

    /// <summary>Trades per trading day.</summary>
    public long[] TradesPerDay { get; }

    /// <summary>Health rows per trading day.</summary>
    public long[] HealthPerDay { get; }

    /// <summary>Health samples each script reports per trading day.</summary>
    public int HealthSamplesPerDay { get; }

    /// <summary>The load chunks in order.</summary>
    public IReadOnlyList<ChunkPlan> Chunks { get; }

    /// <summary>All trades.</summary>
    public long TotalTrades => Spec.Trades;

    /// <summary>All health rows.</summary>
    public long TotalHealth => HealthPerDay.Sum();

    /// <summary>Plans <paramref name="spec"/> with chunks of about <paramref name="chunkRows"/> rows (at least one day each).</summary>
    public static DatasetPlan Create(DatasetSpec spec, int chunkRows)
    {
        var universe = MarketUniverse.Build(spec);
        var dayCount = universe.Days.Count;
        if (dayCount == 0)
        {
            throw new ArgumentException("The date range holds no trading day.", nameof(spec));
        }

        var tradesPerDay = AllocateTrades(spec, dayCount);
        var samplesPerDay = SamplesPerDay(universe.Days[0], spec.HealthIntervalMinutes);
        var healthPerDay = new long[dayCount];
        for (var d = 0; d < dayCount; d++)
        {
            long scripts = 0;
            foreach (var profile in universe.Profiles)
            {
                if (profile.StartDay <= d)
                {
                    scripts += profile.Scripts.Length;
                }
            }

            healthPerDay[d] = scripts * samplesPerDay;
        }

        var chunks = new List<ChunkPlan>();
        long tradeOffset = 0, healthOffset = 0;
        var first = 0;
        long tradeRows = 0, healthRows = 0;
        for (var d = 0; d < dayCount; d++)
        {
            tradeRows += tradesPerDay[d];
            healthRows += healthPerDay[d];
            var last = d == dayCount - 1;
            var nextDayRows = last ? 0 : tradesPerDay[d + 1] + healthPerDay[d + 1];
            if (last || tradeRows + healthRows + nextDayRows > chunkRows)
            {
                chunks.Add(new ChunkPlan(chunks.Count, first, d - first + 1, tradeOffset, checked((int)tradeRows), healthOffset, checked((int)healthRows)));
                tradeOffset += tradeRows;
                healthOffset += healthRows;
                tradeRows = healthRows = 0;
                first = d + 1;
            }
        }

        return new DatasetPlan(spec, universe, tradesPerDay, healthPerDay, samplesPerDay, chunks);
    }

    /// <summary>Health samples each script reports a trading day, every <paramref name="intervalMinutes"/> (0: none), as planned from the range's first day.</summary>
    public static int SamplesPerDay(DateOnly firstDay, int intervalMinutes) => intervalMinutes <= 0
        ? 0
        : (int)Math.Ceiling((MarketCalendar.CloseUtc(firstDay) - MarketCalendar.OpenUtc(firstDay) + TimeSpan.FromMinutes(2 * HealthMarginMinutes)).TotalMinutes / intervalMinutes);

    /// <summary>Spreads the trades over the days: growing over the range (more clients over time) with day-to-day noise.</summary>
    private static long[] AllocateTrades(DatasetSpec spec, int dayCount)
    {
        var random = SeedDerivation.Create(spec.Seed, "days", 0);
        var weights = new double[dayCount];
        var total = 0.0;
        for (var d = 0; d < dayCount; d++)
        {
            weights[d] = (1.0 + (0.6 * d / dayCount)) * random.NextDouble(0.6, 1.4);
            total += weights[d];
        }

        // Largest remainder, ties to the earlier day: exact total, no floating-point drift in the sum.
        var counts = new long[dayCount];
        var remainders = new (double Remainder, int Day)[dayCount];
        long assigned = 0;
        for (var d = 0; d < dayCount; d++)
        {
            var share = spec.Trades * (weights[d] / total);
            counts[d] = (long)Math.Floor(share);
            assigned += counts[d];
            remainders[d] = (share - counts[d], d);
        }

        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Day.CompareTo(b.Day));
        for (var i = 0; assigned < spec.Trades; i = (i + 1) % dayCount)
        {
            counts[remainders[i].Day]++;
            assigned++;
        }

        return counts;
    }
}
