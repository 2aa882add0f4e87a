using Telemetry.Data.Model;

using System.ComponentModel;

namespace Telemetry.Data.Queries;

/// <summary>One page of a trade list: raw trades, or daily buckets when the range exceeds 90 days.</summary>
/// <param name="Granularity"><c>raw</c> or <c>daily</c>.</param>
/// <param name="Range">The range answered (widened to whole days for <c>daily</c>).</param>
/// <param name="Trades">The trades, newest first (empty for <c>daily</c>).</param>
/// <param name="Buckets">The days, newest first (empty for <c>raw</c>).</param>
/// <param name="Limit">The page size used.</param>
/// <param name="Offset">The offset used.</param>
/// <param name="NextCursor">The token for the next page when this page was full, else null.</param>
[ImmutableObject(true)] // Lets HybridCache share one instance between cache hits.
public sealed record TradeList(
    string Granularity,
    DateRange Range,
    IReadOnlyList<Trade> Trades,
    IReadOnlyList<TradeBucket> Buckets,
    int Limit,
    int Offset,
    string? NextCursor);
