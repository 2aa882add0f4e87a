namespace Telemetry.Jobs.Monitoring;

/// <summary>One sample line of the Prometheus text exposition format.</summary>
/// <param name="Name">The metric name, e.g. <c>telemetry_http_request_duration_seconds_bucket</c>.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Value">Its value (<c>+Inf</c>, <c>-Inf</c> and <c>NaN</c> included).</param>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>A label's value, or null.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
