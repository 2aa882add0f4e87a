namespace Telemetry.Data.Queries;

/// <summary>Request parameter names as the design document spells them (snake_case); validation errors name parameters with these.</summary>
public static class ParameterNames
{
    /// <summary>The profile in the path.</summary>
    public const string ProfileId = "profile_id";

    /// <summary>The start of the date range.</summary>
    public const string StartTime = "start_time";

    /// <summary>The end of the date range.</summary>
    public const string EndTime = "end_time";

    /// <summary>The page size.</summary>
    public const string Limit = "limit";

    /// <summary>The rows to skip.</summary>
    public const string Offset = "offset";

    /// <summary>The keyset position to continue after.</summary>
    public const string Cursor = "cursor";

    /// <summary>The trade symbol filter.</summary>
    public const string Symbol = "symbol";

    /// <summary>The trade type filter.</summary>
    public const string TradeType = "trade_type";

    /// <summary>The exit reason filter.</summary>
    public const string ExitReason = "exit_reason";

    /// <summary>The aggregation window of metrics.</summary>
    public const string WindowType = "window_type";

    /// <summary>The metric type filter.</summary>
    public const string MetricType = "metric_type";

    /// <summary>The metric name filter.</summary>
    public const string MetricName = "metric_name";

    /// <summary>The script whose health is asked for.</summary>
    public const string Script = "script";
}
