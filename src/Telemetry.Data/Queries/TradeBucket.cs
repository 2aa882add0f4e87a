namespace Telemetry.Data.Queries;

/// <summary>The trades of one window, aggregated: what a chart of a long range plots instead of raw rows.</summary>
public sealed record TradeBucket(DateTime WindowStart, DateTime WindowEnd, long Trades, long Wins, long Losses, decimal PnlSum, decimal PnlMin, decimal PnlMax);
