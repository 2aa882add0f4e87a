namespace Telemetry.Data.Model;

/// <summary>The closed vocabularies of trade rows: what the backend writes and the API accepts as filters.</summary>
public static class TradeVocabulary
{
    /// <summary>Strategy families of <c>trade_type</c>.</summary>
    public static IReadOnlyList<string> TradeTypes { get; } = ["breakout", "pullback", "mean_reversion", "momentum"];

    /// <summary>Values of <c>side</c>.</summary>
    public static IReadOnlyList<string> Sides { get; } = ["long", "short"];

    /// <summary>Values of <c>exit_reason</c>.</summary>
    public static IReadOnlyList<string> ExitReasons { get; } = ["take_profit", "stop_loss", "trailing_stop", "time_exit", "end_of_day", "manual"];
}
