using Telemetry.Data.Model;

namespace Telemetry.Jobs;

/// <summary>Deterministic trades spread evenly over a time range, for the archival benchmark (the seed tool makes realistic ones).</summary>
internal static class SyntheticTrades
{
    private static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA", "TSLA", "AMZN", "META", "GOOG", "SPY", "QQQ", "IWM"];

    /// <summary><paramref name="count"/> trades with entry times evenly spaced from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IEnumerable<Trade> Generate(int count, DateTime from, DateTime to, int seed = 42)
    {
        var random = new Random(seed);
        var step = (to - from).Ticks / Math.Max(1, count);
        for (var i = 0; i < count; i++)
        {
            // Microsecond precision: what DATETIME(6) stores.
            var entry = from.AddTicks((step * i) / 10 * 10);
            var price = Math.Round((decimal)(10 + (random.NextDouble() * 490)), 4);
            var exit = Math.Round(price * (decimal)(0.97 + (random.NextDouble() * 0.06)), 4);
            var quantity = random.Next(1, 500);
            var side = TradeVocabulary.Sides[random.Next(TradeVocabulary.Sides.Count)];
            var pnl = (side == "long" ? exit - price : price - exit) * quantity;
            yield return new Trade(
                0,
                random.Next(1, 21),
                Symbols[random.Next(Symbols.Length)],
                TradeVocabulary.TradeTypes[random.Next(TradeVocabulary.TradeTypes.Count)],
                side,
                entry,
                entry.AddMinutes(random.Next(1, 600)),
                price,
                exit,
                quantity,
                Math.Round(pnl, 6),
                Math.Round(pnl / (price * quantity) * 100, 6),
                TradeVocabulary.ExitReasons[random.Next(TradeVocabulary.ExitReasons.Count)]);
        }
    }
}
