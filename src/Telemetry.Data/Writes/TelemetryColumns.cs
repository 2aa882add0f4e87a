using Telemetry.Data.Model;

namespace Telemetry.Data.Writes;

/// <summary>The column lists bulk writes use for each record type.</summary>
public static class TelemetryColumns
{
    /// <summary>Trade columns; the server assigns ids.</summary>
    public static IReadOnlyList<RecordColumn<Trade>> Trades { get; } =
    [
        new("profile_id", typeof(int), t => t.ProfileId),
        new("symbol", typeof(string), t => t.Symbol),
        new("trade_type", typeof(string), t => t.TradeType),
        new("side", typeof(string), t => t.Side),
        new("entry_time", typeof(DateTime), t => t.EntryTime),
        new("exit_time", typeof(DateTime), t => t.ExitTime),
        new("entry_price", typeof(decimal), t => t.EntryPrice),
        new("exit_price", typeof(decimal), t => t.ExitPrice),
        new("quantity", typeof(decimal), t => t.Quantity),
        new("pnl", typeof(decimal), t => t.Pnl),
        new("pnl_percent", typeof(decimal), t => t.PnlPercent),
        new("exit_reason", typeof(string), t => t.ExitReason),
    ];

    /// <summary>Trade columns with the row's own id, for writers that assign ids themselves (deterministic, resumable loads).</summary>
    public static IReadOnlyList<RecordColumn<Trade>> TradesWithId { get; } = [new("id", typeof(long), t => t.Id), .. Trades];

    /// <summary>Health columns; the server assigns ids.</summary>
    public static IReadOnlyList<RecordColumn<HealthSample>> Health { get; } =
    [
        new("profile_id", typeof(int), h => h.ProfileId),
        new("script_name", typeof(string), h => h.ScriptName),
        new("timestamp", typeof(DateTime), h => h.Timestamp),
        new("status", typeof(string), h => h.Status),
        new("cpu_percent", typeof(double), h => h.CpuPercent),
        new("memory_mb", typeof(double), h => h.MemoryMb),
        new("latency_ms", typeof(double), h => h.LatencyMs),
        new("error_count", typeof(int), h => h.ErrorCount),
        new("message", typeof(string), h => h.Message),
    ];

    /// <summary>Health columns with the row's own id.</summary>
    public static IReadOnlyList<RecordColumn<HealthSample>> HealthWithId { get; } = [new("id", typeof(long), h => h.Id), .. Health];

    /// <summary>Metric columns (no id: the server assigns it).</summary>
    public static IReadOnlyList<RecordColumn<AggregatedMetric>> Metrics { get; } =
    [
        new("profile_id", typeof(int), m => m.ProfileId),
        new("metric_type", typeof(string), m => m.MetricType),
        new("metric_name", typeof(string), m => m.MetricName),
        new("window_type", typeof(string), m => m.WindowType.ToName()),
        new("window_start", typeof(DateTime), m => m.WindowStart),
        new("window_end", typeof(DateTime), m => m.WindowEnd),
        new("sample_count", typeof(long), m => m.SampleCount),
        new("value_sum", typeof(decimal), m => m.ValueSum),
        new("value_min", typeof(decimal), m => m.ValueMin),
        new("value_max", typeof(decimal), m => m.ValueMax),
        new("positive_count", typeof(long), m => m.PositiveCount),
        new("negative_count", typeof(long), m => m.NegativeCount),
    ];
}
