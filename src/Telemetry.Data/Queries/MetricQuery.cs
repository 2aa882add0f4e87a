using Telemetry.Data.Model;

namespace Telemetry.Data.Queries;

/// <summary>A validated request for a profile's windowed metrics, newest window first.</summary>
public sealed record MetricQuery(int ProfileId, WindowType WindowType, string? MetricType, string? MetricName, DateRange Range, int Limit, int Offset);
