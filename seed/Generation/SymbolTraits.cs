namespace Perf.Seed.Generation;

/// <summary>One symbol of the universe: its ticker, daily reference prices and intraday volatility.</summary>
/// <param name="Ticker">The <c>symbol</c> value.</param>
/// <param name="DayPrices">The reference price on each trading day of the range.</param>
/// <param name="Volatility">Daily volatility as a fraction.</param>
internal sealed record SymbolTraits(string Ticker, double[] DayPrices, double Volatility);
