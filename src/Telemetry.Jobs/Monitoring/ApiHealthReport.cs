using System.Globalization;
using System.Text;

namespace Telemetry.Jobs.Monitoring;

/// <summary>The API's latency percentiles and cache hit rate read from its <c>/metrics</c>, with warnings.</summary>
/// <param name="Requests">Query requests (<see cref="ApiMonitor.QueryEndpoints"/>) the numbers cover (since the previous scrape when there was one, else since start).</param>
/// <param name="P95">95th percentile of request duration, or null with no requests.</param>
/// <param name="P99">99th percentile of request duration, or null with no requests.</param>
/// <param name="CacheHitRate">Cache hits over lookups, or null with no lookups.</param>
/// <param name="Warnings">Human-readable warnings; empty when all is well.</param>
public sealed record ApiHealthReport(double Requests, TimeSpan? P95, TimeSpan? P99, double? CacheHitRate, IReadOnlyList<string> Warnings)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"requests: {Requests:0}; P95 {Format(P95)}; P99 {Format(P99)}; cache hit rate {(CacheHitRate is { } hit ? (hit * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a")}\n");
        foreach (var warning in Warnings)
        {
            text.Append("WARNING: ").Append(warning).Append('\n');
        }

        return text.ToString();
    }

    private static string Format(TimeSpan? value) => value is { } v ? v.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "n/a";
}
