namespace Perf.Bench.Capacity;

/// <summary>Latency percentiles (nearest rank) of one query case, from <see cref="Count"/> timed runs.</summary>
internal sealed record LatencySample(double P50Ms, double P95Ms, double P99Ms, int Count);
