using System.ComponentModel;

namespace Telemetry.Data.Queries;

/// <summary>A profile's trade outcomes over a range, in total and broken down by symbol, trade type and exit reason.</summary>
/// <param name="ProfileId">The profile.</param>
/// <param name="Range">The range answered (widened to whole days when answered from aggregates).</param>
/// <param name="Source"><c>raw</c> or <c>daily_aggregates</c>.</param>
/// <param name="Total">All trades.</param>
/// <param name="BySymbol">Per symbol, ordered by name.</param>
/// <param name="ByTradeType">Per trade type, ordered by name.</param>
/// <param name="ByExitReason">Per exit reason, ordered by name.</param>
[ImmutableObject(true)] // Lets HybridCache share one instance between cache hits.
public sealed record TradeSummary(
    int ProfileId,
    DateRange Range,
    string Source,
    TradeStats Total,
    IReadOnlyDictionary<string, TradeStats> BySymbol,
    IReadOnlyDictionary<string, TradeStats> ByTradeType,
    IReadOnlyDictionary<string, TradeStats> ByExitReason);
