namespace Telemetry.Data.Model;

/// <summary>How trade outcomes are stored as windowed aggregates in <c>dd_telemetry_metrics</c>.</summary>
/// <remarks>
/// One row per (profile, window) for all trades (<see cref="AllTrades"/>) and one per symbol, trade type and exit reason,
/// each aggregating <c>pnl</c>: count, sum, min, max, and the counts of wins (pnl &gt; 0) and losses (pnl &lt; 0).
/// </remarks>
public static class TradeMetrics
{
    /// <summary>The <c>metric_type</c> of trade-outcome aggregates.</summary>
    public const string MetricType = "trade_pnl";

    /// <summary>The <c>metric_name</c> of the aggregate over all trades.</summary>
    public const string AllTrades = "*";

    /// <summary>Prefix of per-symbol names.</summary>
    public const string SymbolPrefix = "symbol:";

    /// <summary>Prefix of per-trade-type names.</summary>
    public const string TradeTypePrefix = "trade_type:";

    /// <summary>Prefix of per-exit-reason names.</summary>
    public const string ExitReasonPrefix = "exit_reason:";
}
