using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>The allow-list of non-partitioned stage tables a month passes through between a live and an archive partition.</summary>
/// <remarks>
/// A stage table that holds rows holds rows that are in neither the live nor the archive table: retention finishes
/// moving them into the archive before it does anything else, which is what makes a kill between the two exchanges safe.
/// </remarks>
public static class StageTable
{
    /// <summary>Stage of <c>dd_trade_performance</c>.</summary>
    public static readonly TelemetryTable Trades = new("dd_trade_performance_stage", "entry_time");

    /// <summary>Stage of <c>dd_telemetry_metrics</c>.</summary>
    public static readonly TelemetryTable Metrics = new("dd_telemetry_metrics_stage", "window_start");

    /// <summary>The stage of a live table that has an archive.</summary>
    public static TelemetryTable For(TelemetryTable live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.Name switch
        {
            "dd_trade_performance" => Trades,
            "dd_telemetry_metrics" => Metrics,
            _ => throw new ArgumentException($"{live.Name} has no archive and so no stage table.", nameof(live)),
        };
    }
}
