namespace Telemetry.Data.Queries;

/// <summary>Outcome statistics of a set of trades.</summary>
public sealed record TradeStats(long Trades, long Wins, long Losses, decimal PnlSum, decimal? PnlMin, decimal? PnlMax)
{
    /// <summary>No trades.</summary>
    public static TradeStats Empty { get; } = new(0, 0, 0, 0m, null, null);

    /// <summary>Wins over all trades, 0 when there are none.</summary>
    public double WinRate => Trades == 0 ? 0 : (double)Wins / Trades;

    /// <summary>Average P&amp;L per trade, null when there are none.</summary>
    public decimal? PnlAvg => Trades == 0 ? null : decimal.Round(PnlSum / Trades, 6);

    /// <summary>Combines two disjoint sets of trades (every field is decomposable).</summary>
    public TradeStats Add(TradeStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Trades + other.Trades,
            Wins + other.Wins,
            Losses + other.Losses,
            PnlSum + other.PnlSum,
            Min(PnlMin, other.PnlMin),
            Max(PnlMax, other.PnlMax));
    }

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
