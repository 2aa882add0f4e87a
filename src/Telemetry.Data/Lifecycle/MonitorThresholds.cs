namespace Telemetry.Data.Lifecycle;

/// <summary>When monitoring warns; the defaults are the optimization strategy's "Monitoring and Alerts".</summary>
public sealed record MonitorThresholds
{
    /// <summary>A query running longer than this is logged with its plan (default 2 s).</summary>
    public TimeSpan SlowQuery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Warn when a cache's hit rate is below this (default 0.80).</summary>
    public double MinCacheHitRate { get; init; } = 0.80;

    /// <summary>Warn when API P95 exceeds this (default 500 ms).</summary>
    public TimeSpan MaxP95 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Warn when API P99 exceeds this (default 1 s).</summary>
    public TimeSpan MaxP99 { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Warn when a table grows faster than this fraction per day (default 0.25, i.e. 25 % a day).</summary>
    public double MaxDailyGrowth { get; init; } = 0.25;
}
