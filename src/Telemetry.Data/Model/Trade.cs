namespace Telemetry.Data.Model;

/// <summary>One closed trade, as stored in <c>dd_trade_performance</c>.</summary>
/// <remarks>Times are UTC with microsecond precision; <see cref="Id"/> is 0 until the row is inserted.</remarks>
public sealed record Trade(
    long Id,
    int ProfileId,
    string Symbol,
    string TradeType,
    string Side,
    DateTime EntryTime,
    DateTime ExitTime,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Quantity,
    decimal Pnl,
    decimal PnlPercent,
    string ExitReason);
