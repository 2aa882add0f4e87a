namespace Perf.Load.Overhead;

/// <summary>One endpoint's latency (end − intended start) on each arm at the compared rate.</summary>
/// <param name="Endpoint">The endpoint (<c>all</c> for every request).</param>
/// <param name="Arms">In the arms' order.</param>
internal sealed record EndpointLatencies(string Endpoint, IReadOnlyList<ArmLatency> Arms);
