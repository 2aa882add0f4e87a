namespace Telemetry.Data.Model;

/// <summary>The aggregation windows of <c>dd_telemetry_metrics</c>.</summary>
public enum WindowType
{
    /// <summary>One UTC hour.</summary>
    Hourly,

    /// <summary>One UTC day.</summary>
    Daily,

    /// <summary>One ISO week, Monday 00:00 UTC to the next Monday.</summary>
    Weekly,

    /// <summary>One calendar month in UTC.</summary>
    Monthly,
}
