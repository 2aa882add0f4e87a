using System.Text.RegularExpressions;
using Perf.Seed.Generation;

namespace Perf.Tests.Seed;

/// <summary>The named world the rows come from: Bogus-made tickers, accounts and scripts, stable for a seed.</summary>
public sealed partial class MarketUniverseTests
{
    private static readonly DatasetSpec Spec = GeneratedDataset.Spec();
    private static readonly MarketUniverse Universe = DatasetPlan.Create(Spec, 50_000).Universe;

    [Fact]
    public void Build_SameSeed_SameNames()
    {
        var again = DatasetPlan.Create(Spec, 3_000).Universe;
        Assert.Equal(Universe.Symbols.Select(s => s.Ticker), again.Symbols.Select(s => s.Ticker));
        Assert.Equal(Universe.Profiles.SelectMany(p => p.Scripts.Select(s => s.Name)), again.Profiles.SelectMany(p => p.Scripts.Select(s => s.Name)));
        Assert.Equal(Universe.Profiles.SelectMany(p => p.Messages.Error), again.Profiles.SelectMany(p => p.Messages.Error));

        // Pinned, so a Bogus upgrade that changes its data fails here, next to the reason.
        Assert.Equal(["RE", "MB", "HO", "SCHI", "TWR"], Universe.Symbols.Take(5).Select(s => s.Ticker));
        Assert.Equal(["momentum_trader_v4", "risk_manager", "position_monitor"], Universe.Profiles[0].Scripts.Select(s => s.Name));
    }

    [Fact]
    public void Build_Symbols_UniqueTickersFromCompanyNames()
    {
        Assert.All(Universe.Symbols, s => Assert.Matches(TickerRegex(), s.Ticker));
        Assert.Equal(Universe.Symbols.Length, Universe.Symbols.Select(s => s.Ticker).Distinct().Count());

        // Symbol i's ticker depends on the symbols before it only, so a larger universe keeps the smaller one's tickers.
        var larger = DatasetPlan.Create(Spec with { Symbols = 2_000 }, 50_000).Universe;
        Assert.Equal(Universe.Symbols.Select(s => s.Ticker), larger.Symbols.Take(Universe.Symbols.Length).Select(s => s.Ticker));
        Assert.Equal(2_000, larger.Symbols.Select(s => s.Ticker).Distinct().Count());
    }

    [Fact]
    public void Build_Profiles_RunTheirStrategysScriptAndServices()
    {
        string[] services = ["order_router", "risk_manager", "market_data_feed", "position_monitor", "fill_reconciler", "pnl_reporter"];
        Assert.All(Universe.Profiles, profile =>
        {
            Assert.InRange(profile.Scripts.Length, 2, 4);
            Assert.Matches(StrategyScriptRegex(), profile.Scripts[0].Name);
            Assert.All(profile.Scripts.Skip(1), s => Assert.Contains(s.Name, services));
            Assert.Equal(profile.Scripts.Length, profile.Scripts.Select(s => s.Name).Distinct().Count());
        });
    }

    [Fact]
    public void Build_Profiles_NamedAccountsInMessages()
    {
        var accounts = Universe.Profiles.Select(p => AccountRegex().Match(p.Messages.Error[0]).Value).ToList();
        Assert.All(accounts, a => Assert.NotEmpty(a));
        Assert.Equal(accounts.Count, accounts.Distinct().Count());
        Assert.All(Universe.Profiles.SelectMany(p => p.Messages.Degraded.Concat(p.Messages.Error)), template =>
        {
            Assert.DoesNotMatch(UnfilledSlotRegex(), template);
            Assert.InRange(template.Length + 5, 1, 255);
        });
    }

    [GeneratedRegex("^[A-Z]{2,5}$")]
    private static partial Regex TickerRegex();

    [GeneratedRegex("^(breakout_scanner|pullback_trader|mean_reversion_bot|momentum_trader)(_v[2-4])?$")]
    private static partial Regex StrategyScriptRegex();

    [GeneratedRegex(@"U\d{7} \([A-Z][A-Za-z' ]+\)")]
    private static partial Regex AccountRegex();

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex UnfilledSlotRegex();
}
