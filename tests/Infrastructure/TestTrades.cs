using Telemetry.Data.Model;

namespace Perf.Tests.Infrastructure;

/// <summary>Small deterministic trade and health rows for integration tests (the real generator lives in seed/).</summary>
public static class TestTrades
{
    /// <summary>The instant test data starts at.</summary>
    public static readonly DateTime Origin = new(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Symbols used by <see cref="Generate"/>.</summary>
    public static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA", "TSLA", "SPY"];

    /// <summary><paramref name="count"/> trades with ids 1..count over <paramref name="days"/> days from <see cref="Origin"/>.</summary>
    public static IReadOnlyList<Trade> Generate(int count, int profiles, int days, int seed = 7)
    {
        var random = new Random(seed);
        var span = TimeSpan.FromDays(days).Ticks;
        return [.. Enumerable.Range(1, count).Select(i =>
        {
            // Whole microseconds, as DATETIME(6) stores them.
            var entry = Origin.AddTicks(random.NextInt64(span) / 10 * 10);
            var entryPrice = Math.Round(50m + (decimal)random.NextDouble() * 400m, 6);
            var pnl = Math.Round(((decimal)random.NextDouble() - 0.45m) * 200m, 6);
            return new Trade(
                i,
                1 + (i % profiles),
                Symbols[random.Next(Symbols.Length)],
                TradeVocabulary.TradeTypes[random.Next(TradeVocabulary.TradeTypes.Count)],
                TradeVocabulary.Sides[random.Next(2)],
                entry,
                entry.AddMinutes(5 + random.Next(300)),
                entryPrice,
                Math.Round(entryPrice + pnl / 10m, 6),
                10m,
                pnl,
                Math.Round(pnl / entryPrice, 6),
                TradeVocabulary.ExitReasons[random.Next(TradeVocabulary.ExitReasons.Count)]);
        })];
    }

    /// <summary>Health samples every 30 minutes for each profile and two scripts over <paramref name="days"/> days.</summary>
    public static IReadOnlyList<HealthSample> GenerateHealth(int profiles, int days)
    {
        var samples = new List<HealthSample>();
        long id = 1;
        for (var profile = 1; profile <= profiles; profile++)
        {
            foreach (var script in new[] { "breakout_scanner", "order_router" })
            {
                for (var t = Origin; t < Origin.AddDays(days); t = t.AddMinutes(30))
                {
                    samples.Add(new HealthSample(id, profile, script, t, id % 17 == 0 ? "degraded" : "ok", (id % 90) + 0.5, 512 + (id % 64), 3.25 + (id % 11), (int)(id % 3), null));
                    id++;
                }
            }
        }

        return samples;
    }
}
