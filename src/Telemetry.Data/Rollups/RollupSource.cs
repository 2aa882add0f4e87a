using MySqlConnector;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Rollups;

/// <summary>A raw table that rolls up into <c>dd_telemetry_metrics</c>, and the rollup that does it.</summary>
/// <param name="Name">The key of its watermark.</param>
/// <param name="Table">The raw table (allow-listed).</param>
/// <param name="Rollup">Recomputes the windows of one type overlapping a range.</param>
public sealed record RollupSource(
    string Name,
    TelemetryTable Table,
    Func<MySqlConnection, WindowType, DateTime, DateTime, CancellationToken, Task<long>> Rollup)
{
    /// <summary>Trades into <c>trade_pnl</c> windows.</summary>
    public static RollupSource Trades { get; } = new("trades", TelemetryTable.Trades, TradeRollup.RollupAsync);

    /// <summary>Health samples into <c>health</c> windows.</summary>
    public static RollupSource Health { get; } = new("health", TelemetryTable.Health, HealthRollup.RollupAsync);

    /// <summary>Every source, trades first.</summary>
    public static IReadOnlyList<RollupSource> All { get; } = [Trades, Health];
}
