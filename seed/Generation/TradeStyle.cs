using Telemetry.Data.Model;

namespace Perf.Seed.Generation;

/// <summary>How one trade type behaves: the script that trades it, holding time, target and stop distances, direction bias and exit-reason mix.</summary>
/// <param name="TradeType">The <c>trade_type</c> value (from <see cref="TradeVocabulary.TradeTypes"/>).</param>
/// <param name="Script">The <c>script_name</c> of the strategy script of profiles whose strategy this is.</param>
/// <param name="HoldMinMinutes">Shortest planned hold.</param>
/// <param name="HoldMaxMinutes">Longest planned hold; a <c>time_exit</c> closes the trade here.</param>
/// <param name="TargetPercent">Take-profit distance range, percent.</param>
/// <param name="StopPercent">Stop-loss distance range, percent.</param>
/// <param name="LongShare">Share of long trades.</param>
/// <param name="ExitReasonCumulative">Cumulative weights over <see cref="TradeVocabulary.ExitReasons"/>.</param>
internal sealed record TradeStyle(
    string TradeType,
    string Script,
    int HoldMinMinutes,
    int HoldMaxMinutes,
    (double Min, double Max) TargetPercent,
    (double Min, double Max) StopPercent,
    double LongShare,
    double[] ExitReasonCumulative)
{
    /// <summary>Exit reasons whose P&amp;L is always positive.</summary>
    public static IReadOnlySet<string> WinningExits { get; } = new HashSet<string>(StringComparer.Ordinal) { "take_profit", "trailing_stop" };

    /// <summary>Exit reasons whose P&amp;L is always negative.</summary>
    public static IReadOnlySet<string> LosingExits { get; } = new HashSet<string>(StringComparer.Ordinal) { "stop_loss" };

    /// <summary>The styles, in the order of <see cref="TradeVocabulary.TradeTypes"/>.</summary>
    /// <remarks>Exit-reason weights follow <see cref="TradeVocabulary.ExitReasons"/>: take_profit, stop_loss, trailing_stop, time_exit, end_of_day, manual.</remarks>
    public static IReadOnlyList<TradeStyle> All { get; } = Build();

    private static TradeStyle[] Build()
    {
        var styles = new Dictionary<string, TradeStyle>(StringComparer.Ordinal)
        {
            ["breakout"] = new("breakout", "breakout_scanner", 5, 240, (1.0, 4.0), (0.5, 2.0), 0.62, RandomExtensions.Cumulative([28, 36, 14, 6, 12, 4])),
            ["pullback"] = new("pullback", "pullback_trader", 15, 300, (0.8, 3.0), (0.5, 1.5), 0.60, RandomExtensions.Cumulative([32, 30, 12, 8, 14, 4])),
            ["mean_reversion"] = new("mean_reversion", "mean_reversion_bot", 5, 90, (0.4, 1.5), (0.4, 1.2), 0.50, RandomExtensions.Cumulative([38, 30, 4, 16, 10, 2])),
            ["momentum"] = new("momentum", "momentum_trader", 10, 180, (1.0, 5.0), (0.6, 2.0), 0.58, RandomExtensions.Cumulative([24, 34, 20, 6, 12, 4])),
        };
        if (TradeVocabulary.ExitReasons.Count != 6 || TradeVocabulary.TradeTypes.Any(t => !styles.ContainsKey(t)))
        {
            throw new InvalidOperationException("TradeStyle is out of step with TradeVocabulary.");
        }

        return [.. TradeVocabulary.TradeTypes.Select(t => styles[t])];
    }
}
