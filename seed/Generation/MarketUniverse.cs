using System.Globalization;
using Bogus;

namespace Perf.Seed.Generation;

/// <summary>The fixed world of a dataset: trading days, symbols with price paths, and profiles with their habits.</summary>
/// <remarks>
/// Built once per dataset from the master seed; every day's rows are then generated independently from it. Names come from
/// Bogus's English data (company names for tickers, people's names for accounts), each entity from its own derived seed;
/// numbers come from <see cref="Random"/>. The same Bogus version gives the same names on any machine and culture.
/// </remarks>
internal sealed class MarketUniverse
{
    /// <summary>The most scripts a profile runs: its strategy's and up to three services.</summary>
    public const int MaxScriptsPerProfile = 4;

    private static readonly string[] BrokerKinds = ["Securities", "Clearing", "Brokerage", "Capital Markets"];

    private static readonly string[] Services =
        ["order_router", "risk_manager", "market_data_feed", "position_monitor", "fill_reconciler", "pnl_reporter"];

    private MarketUniverse(IReadOnlyList<DateOnly> days, SymbolTraits[] symbols, ProfileTraits[] profiles)
    {
        Days = days;
        Symbols = symbols;
        Profiles = profiles;
    }

    /// <summary>The trading days of the range, in order.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The symbol universe.</summary>
    public SymbolTraits[] Symbols { get; }

    /// <summary>The profiles, by id order (id = index + 1).</summary>
    public ProfileTraits[] Profiles { get; }

    /// <summary>Builds the universe of <paramref name="spec"/>.</summary>
    public static MarketUniverse Build(DatasetSpec spec)
    {
        var days = MarketCalendar.TradingDays(spec.From, spec.To);
        var faker = new Faker("en");
        var symbols = BuildSymbols(spec, days.Count, faker);
        var profiles = BuildProfiles(spec, days.Count, symbols.Length, faker);
        return new MarketUniverse(days, symbols, profiles);
    }

    private static SymbolTraits[] BuildSymbols(DatasetSpec spec, int dayCount, Faker faker)
    {
        var random = SeedDerivation.Create(spec.Seed, "symbols", 0);
        var tickers = new HashSet<string>(StringComparer.Ordinal);
        var symbols = new SymbolTraits[spec.Symbols];
        for (var i = 0; i < symbols.Length; i++)
        {
            faker.Random = SeedDerivation.CreateRandomizer(spec.Seed, "companies", i);
            var ticker = CompanyTicker.Draw(faker, tickers);

            var u = random.NextDouble();
            var price = 5.0 + (495.0 * u * u * u);
            var volatility = random.NextDouble(0.01, 0.035);
            var drift = random.NextDouble(-0.0004, 0.0008);
            var prices = new double[Math.Max(dayCount, 1)];
            for (var d = 0; d < prices.Length; d++)
            {
                prices[d] = price;
                price = Math.Max(1.0, price * (1.0 + drift + (volatility * random.NextGaussian())));
            }

            symbols[i] = new SymbolTraits(ticker, prices, volatility);
        }

        return symbols;
    }

    private static ProfileTraits[] BuildProfiles(DatasetSpec spec, int dayCount, int symbolCount, Faker faker)
    {
        var random = SeedDerivation.Create(spec.Seed, "profiles", 0);
        faker.Random = SeedDerivation.CreateRandomizer(spec.Seed, "brokers", 0);
        var brokers = faker.Make(4, () => $"{faker.Name.LastName()} {faker.PickRandom(BrokerKinds)}");

        // Activity follows Zipf (1/rank) over a shuffled ranking: a handful of profiles carry most trades, many are quiet.
        var ranks = Enumerable.Range(1, spec.Profiles).ToArray();
        for (var i = ranks.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (ranks[i], ranks[j]) = (ranks[j], ranks[i]);
        }

        // Popular symbols are on many watchlists.
        var popularity = RandomExtensions.Cumulative([.. Enumerable.Range(1, symbolCount).Select(r => 1.0 / Math.Sqrt(r))]);

        var profiles = new ProfileTraits[spec.Profiles];
        for (var p = 0; p < profiles.Length; p++)
        {
            var rank = (double)ranks[p];
            var weight = 1.0 / rank;
            // The busiest profile trades from the first day, so no trading day is without an active profile.
            var startDay = ranks[p] == 1 || random.NextDouble() < 0.7 ? 0 : (int)(random.NextDouble() * 0.8 * dayCount);

            var watchSize = Math.Min(symbolCount, 5 + random.Next(36));
            var watch = new List<int>(watchSize);
            while (watch.Count < watchSize)
            {
                var s = random.NextWeighted(popularity);
                if (!watch.Contains(s))
                {
                    watch.Add(s);
                }
            }

            var typeWeights = new double[TradeStyle.All.Count];
            for (var t = 0; t < typeWeights.Length; t++)
            {
                typeWeights[t] = 0.2 + random.NextDouble();
            }

            // The profile's strategy takes about two thirds of its trades (twice the others' weight, summed in order), and
            // its script is named after it.
            var strategy = random.Next(typeWeights.Length);
            typeWeights[strategy] = 0.0;
            typeWeights[strategy] = 2.0 * RandomExtensions.Cumulative(typeWeights)[^1];

            var u = random.NextDouble();
            var notional = 2_000.0 + (98_000.0 * u * u);

            // The account: its region, broker and scripts (its strategy's, sometimes a redeployed version, and 1-3 services).
            faker.Random = SeedDerivation.CreateRandomizer(spec.Seed, "accounts", p);
            var region = faker.Random.WeightedRandom(TradingRegion.All, TradingRegion.Shares);
            var messages = HealthMessages.Draw(faker, faker.PickRandom(brokers), region);
            var strategyScript = TradeStyle.All[strategy].Script
                + (faker.Random.Bool(0.3f) ? string.Create(CultureInfo.InvariantCulture, $"_v{faker.Random.Number(2, 4)}") : "");
            string[] names = [strategyScript, .. faker.Random.ArrayElements(Services, faker.Random.Number(1, MaxScriptsPerProfile - 1))];
            var scripts = new ScriptTraits[names.Length];
            for (var s = 0; s < scripts.Length; s++)
            {
                scripts[s] = new ScriptTraits(names[s], random.NextDouble(3, 35), random.NextDouble(120, 1600), region.LatencyFactor * random.NextDouble(2, 40));
            }

            profiles[p] = new ProfileTraits(p + 1, weight, startDay, [.. watch], RandomExtensions.Cumulative(typeWeights), notional, scripts, messages);
        }

        return profiles;
    }
}
