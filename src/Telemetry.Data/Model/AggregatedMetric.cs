namespace Telemetry.Data.Model;

/// <summary>One windowed aggregate in <c>dd_telemetry_metrics</c>: count, sum, min, max and sign counts of a measure.</summary>
/// <remarks>
/// The shape is decomposable (counts and sums add, minima and maxima combine), so a daily row is exactly the
/// combination of its hourly rows and a summary over aggregates equals the summary over raw rows.
/// </remarks>
public sealed record AggregatedMetric(
    int ProfileId,
    string MetricType,
    string MetricName,
    WindowType WindowType,
    DateTime WindowStart,
    DateTime WindowEnd,
    long SampleCount,
    decimal ValueSum,
    decimal ValueMin,
    decimal ValueMax,
    long PositiveCount,
    long NegativeCount);
