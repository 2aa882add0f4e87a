namespace Perf.Analysis.Capacity;

/// <summary>The latency service levels a query must meet.</summary>
/// <param name="P95Ms">The 95th percentile target in milliseconds (the strategy document's 500 ms).</param>
/// <param name="P99Ms">The 99th percentile target in milliseconds (the strategy document's 1 s).</param>
public sealed record LatencyTargets(double P95Ms, double P99Ms)
{
    /// <summary>The strategy document's targets: P95 &lt; 500 ms, P99 &lt; 1 s.</summary>
    public static LatencyTargets Default { get; } = new(500, 1000);
}
