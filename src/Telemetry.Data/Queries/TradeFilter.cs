namespace Telemetry.Data.Queries;

/// <summary>The optional equality filters of a trade list or summary.</summary>
public sealed record TradeFilter(string? Symbol = null, string? TradeType = null, string? ExitReason = null)
{
    /// <summary>No filter.</summary>
    public static TradeFilter None { get; } = new();

    /// <summary>How many of the filters are set.</summary>
    public int Count => (Symbol is null ? 0 : 1) + (TradeType is null ? 0 : 1) + (ExitReason is null ? 0 : 1);
}
