namespace Telemetry.Data.Model;

/// <summary>How system-health samples are stored as windowed aggregates in <c>dd_telemetry_metrics</c>.</summary>
/// <remarks>
/// One row per (profile, window, measure, script): <c>metric_name</c> is <c>&lt;measure&gt;:&lt;script_name&gt;</c> for the
/// measures latency_ms, cpu_percent, memory_mb and error_count, each aggregated as count, sum, min, max and sign counts.
/// They outlive the raw samples (90 days) by the metrics' retention, so long-term health trends survive.
/// </remarks>
public static class HealthMetrics
{
    /// <summary>The <c>metric_type</c> of system-health aggregates.</summary>
    public const string MetricType = "health";

    /// <summary>The measures aggregated, as the prefixes of <c>metric_name</c>.</summary>
    public static IReadOnlyList<string> Measures { get; } = ["latency_ms", "cpu_percent", "memory_mb", "error_count"];
}
