namespace Telemetry.Data.Schema;

/// <summary>The allow-list of telemetry tables: the only identifiers code may splice into SQL.</summary>
/// <param name="Name">The table name.</param>
/// <param name="TimeColumn">The column the table is ranged, partitioned and retained by.</param>
public sealed record TelemetryTable(string Name, string TimeColumn)
{
    /// <summary>Closed trades.</summary>
    public static readonly TelemetryTable Trades = new("dd_trade_performance", "entry_time");

    /// <summary>Windowed aggregates.</summary>
    public static readonly TelemetryTable Metrics = new("dd_telemetry_metrics", "window_start");

    /// <summary>System-health samples.</summary>
    public static readonly TelemetryTable Health = new("dd_system_health", "timestamp");

    /// <summary>Trades moved out of the live table by retention.</summary>
    public static readonly TelemetryTable TradesArchive = new("dd_trade_performance_archive", "entry_time");

    /// <summary>Aggregates moved out of the live table by retention.</summary>
    public static readonly TelemetryTable MetricsArchive = new("dd_telemetry_metrics_archive", "window_start");

    /// <summary>The live tables, in creation order.</summary>
    public static IReadOnlyList<TelemetryTable> Live { get; } = [Trades, Metrics, Health];

    /// <summary>Every table the schema owns.</summary>
    public static IReadOnlyList<TelemetryTable> All { get; } = [Trades, Metrics, Health, TradesArchive, MetricsArchive];

    /// <summary>The archive table of a live table, or null when its rows are deleted rather than archived.</summary>
    public TelemetryTable? Archive => Name switch
    {
        "dd_trade_performance" => TradesArchive,
        "dd_telemetry_metrics" => MetricsArchive,
        _ => null,
    };

    /// <summary>Finds a table by name in the allow-list.</summary>
    /// <exception cref="ArgumentException">The name is not one of ours.</exception>
    public static TelemetryTable Parse(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"'{name}' is not a telemetry table.", nameof(name));
}
