using System.Globalization;
using Perf.Seed.Generation;
using Telemetry.Data.Model;

namespace Perf.Tests.Seed;

/// <summary>The generator without a server: deterministic, realistic, internally consistent.</summary>
public sealed class DatasetGeneratorTests
{
    private static readonly string[] Statuses = ["ok", "degraded", "error"];
    private static readonly DatasetSpec Spec = GeneratedDataset.Spec();
    private static readonly (List<Trade> Trades, List<HealthSample> Health, string Checksum) Data = GeneratedDataset.Generate(Spec);

    [Fact]
    public void Generate_SameSeed_SameChecksumWhateverTheChunking()
    {
        var again = GeneratedDataset.Generate(Spec, chunkRows: 3_000, reverse: true);
        Assert.Equal(Data.Checksum, again.Checksum);
        Assert.Equal(Data.Trades, again.Trades);
        Assert.Equal(Data.Health, again.Health);
    }

    [Fact]
    public void Generate_DayByDayChunks_SameChecksum()
    {
        var plan = DatasetPlan.Create(Spec, chunkRows: 1);
        Assert.Equal(plan.Universe.Days.Count, plan.Chunks.Count);
        Assert.Equal(Data.Checksum, GeneratedDataset.Generate(Spec, chunkRows: 1).Checksum);
    }

    [Fact]
    public void Generate_KnownSpec_PinnedChecksum()
    {
        // The same spec and generator version give this checksum on any machine; a change here needs a GeneratorVersion bump.
        Assert.Equal("3", DatasetSpec.GeneratorVersion);
        Assert.Equal("0be91c4cc2100d54b84eee16807864fa", Data.Checksum);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentChecksum()
    {
        var other = GeneratedDataset.Generate(Spec with { Seed = Spec.Seed + 1 });
        Assert.NotEqual(Data.Checksum, other.Checksum);
        Assert.NotEqual(Spec.Fingerprint, (Spec with { Seed = Spec.Seed + 1 }).Fingerprint);
    }

    [Fact]
    public void Fingerprint_AnyParameterChanged_Differs()
    {
        // The seeder skips a database whose recorded fingerprint matches: a parameter left out would keep other rows.
        DatasetSpec[] specs =
        [
            Spec,
            Spec with { Seed = Spec.Seed + 1 },
            Spec with { Profiles = Spec.Profiles + 1 },
            Spec with { From = Spec.From.AddDays(-1) },
            Spec with { To = Spec.To.AddDays(1) },
            Spec with { Trades = Spec.Trades + 1 },
            Spec with { Symbols = Spec.Symbols + 1 },
            Spec with { HealthIntervalMinutes = Spec.HealthIntervalMinutes + 1 },
            Spec with { Metrics = !Spec.Metrics },
        ];

        Assert.Distinct(specs.Select(s => s.Fingerprint), StringComparer.Ordinal);
    }

    [Fact]
    public void Generate_AnySpec_ExactCountsAndConsecutiveIds()
    {
        Assert.Equal(Spec.Trades, Data.Trades.Count);
        Assert.Equal(Enumerable.Range(1, Data.Trades.Count).Select(i => (long)i), Data.Trades.Select(t => t.Id));
        Assert.Equal(Enumerable.Range(1, Data.Health.Count).Select(i => (long)i), Data.Health.Select(h => h.Id));
        Assert.Equal(DatasetPlan.Create(Spec, 50_000).TotalHealth, Data.Health.Count);
        Assert.NotEmpty(Data.Health);
    }

    [Fact]
    public void Generate_Trades_InsideRangeOnTradingDaysDuringSession()
    {
        foreach (var trade in Data.Trades)
        {
            var day = DateOnly.FromDateTime(trade.EntryTime);
            Assert.InRange(trade.EntryTime, Spec.FromUtc, Spec.ToUtc);
            Assert.True(MarketCalendar.IsTradingDay(day), $"trade {trade.Id} on {day}");
            Assert.InRange(trade.EntryTime, MarketCalendar.OpenUtc(day), MarketCalendar.CloseUtc(day));
            Assert.True(trade.ExitTime > trade.EntryTime, $"trade {trade.Id} exits before it enters");
            Assert.True(trade.ExitTime <= MarketCalendar.CloseUtc(day), $"trade {trade.Id} exits after the close");
            Assert.Equal(0, trade.EntryTime.Ticks % 10);
            Assert.Equal(0, trade.ExitTime.Ticks % 10);
        }

        Assert.DoesNotContain(Data.Trades, t => t.EntryTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public void Generate_Trades_PricesQuantitiesAndPnlConsistent()
    {
        foreach (var trade in Data.Trades)
        {
            Assert.Contains(trade.TradeType, TradeVocabulary.TradeTypes);
            Assert.Contains(trade.Side, TradeVocabulary.Sides);
            Assert.Contains(trade.ExitReason, TradeVocabulary.ExitReasons);
            Assert.InRange(trade.ProfileId, 1, Spec.Profiles);
            Assert.True(trade.EntryPrice >= 1m && trade.ExitPrice > 0m && trade.Quantity >= 1m);
            var sign = trade.Side == "long" ? 1m : -1m;
            Assert.Equal((trade.ExitPrice - trade.EntryPrice) * sign * trade.Quantity, trade.Pnl);
            Assert.Equal(Math.Round((trade.ExitPrice - trade.EntryPrice) * sign / trade.EntryPrice * 100m, 6, MidpointRounding.AwayFromZero), trade.PnlPercent);
            Assert.Equal(Math.Sign(trade.Pnl), Math.Sign(trade.PnlPercent));
            foreach (var value in new[] { trade.EntryPrice, trade.ExitPrice, trade.Quantity, trade.Pnl, trade.PnlPercent })
            {
                Assert.Equal(value, Math.Round(value, 6));
            }

            switch (trade.ExitReason)
            {
                case "take_profit" or "trailing_stop":
                    Assert.True(trade.Pnl > 0, $"trade {trade.Id}: {trade.ExitReason} with pnl {trade.Pnl}");
                    break;
                case "stop_loss":
                    Assert.True(trade.Pnl < 0, $"trade {trade.Id}: stop_loss with pnl {trade.Pnl}");
                    break;
            }
        }
    }

    [Fact]
    public void Generate_Trades_RealisticMix()
    {
        var byProfile = Data.Trades.GroupBy(t => t.ProfileId).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(byProfile[0] > 3 * byProfile[byProfile.Count / 2], "activity is not skewed");
        Assert.Equal(TradeVocabulary.ExitReasons.Order(), Data.Trades.Select(t => t.ExitReason).Distinct().Order());
        Assert.Equal(TradeVocabulary.TradeTypes.Order(), Data.Trades.Select(t => t.TradeType).Distinct().Order());
        var winRate = Data.Trades.Count(t => t.Pnl > 0) / (double)Data.Trades.Count;
        Assert.InRange(winRate, 0.35, 0.65);
        Assert.InRange(Data.Trades.Select(t => t.Symbol).Distinct().Count(), 10, Spec.Symbols);
    }

    [Fact]
    public void Generate_Trades_ProfilesFavourTheirStrategy()
    {
        var universe = DatasetPlan.Create(Spec, 50_000).Universe;
        var strategyOf = universe.Profiles.ToDictionary(
            p => p.ProfileId, p => TradeStyle.All.Single(s => p.Scripts[0].Name.StartsWith(s.Script, StringComparison.Ordinal)).TradeType);
        Assert.All(Data.Trades.GroupBy(t => t.ProfileId).Where(g => g.Count() >= 300), trades =>
        {
            var share = trades.Count(t => t.TradeType == strategyOf[trades.Key]) / (double)trades.Count();
            Assert.InRange(share, 0.55, 0.8);
        });
    }

    [Fact]
    public void Generate_Health_PerProfileAndScriptAtCadence()
    {
        Assert.All(Data.Health, h =>
        {
            Assert.InRange(h.Timestamp, Spec.FromUtc, Spec.ToUtc);
            Assert.Contains(h.Status, Statuses);
            Assert.InRange(h.CpuPercent, 0, 100);
            Assert.True(h.MemoryMb > 0 && h.LatencyMs > 0 && h.ErrorCount >= 0);
            Assert.Equal(h.Status == "ok", h.Message is null);
            Assert.True(h.Status != "error" || h.ErrorCount > 0);
            Assert.True(h.Status != "ok" || h.ErrorCount == 0);
        });

        // A degraded or failing script names its own account, broker or gateway, and a symbol its profile trades.
        var universe = DatasetPlan.Create(Spec, 50_000).Universe;
        Assert.All(Data.Health.Where(h => h.Message is not null), h =>
        {
            var profile = universe.Profiles[h.ProfileId - 1];
            var templates = h.Status == "error" ? profile.Messages.Error : profile.Messages.Degraded;
            var possible = templates.SelectMany(t => profile.Watchlist.Select(w => string.Format(CultureInfo.InvariantCulture, t, universe.Symbols[w].Ticker)));
            Assert.Contains(h.Message, possible);
        });

        // One script of one profile reports every interval through the day.
        var series = Data.Health.Where(h => h.ProfileId == Data.Health[0].ProfileId && h.ScriptName == Data.Health[0].ScriptName)
            .Select(h => h.Timestamp).Take(4).ToList();
        Assert.All(series.Zip(series.Skip(1)), pair => Assert.InRange((pair.Second - pair.First).TotalMinutes, Spec.HealthIntervalMinutes - 0.1, Spec.HealthIntervalMinutes + 0.1));
    }
}
