using Perf.Analysis.Capacity;

namespace Perf.Load.Overhead;

/// <summary>One arm's latency for one endpoint.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Count">Requests counted.</param>
/// <param name="P50">The median with its 95 % interval.</param>
/// <param name="P95">The 95th percentile with its interval, or what it would need.</param>
internal sealed record ArmLatency(string Arm, long Count, QuantileEstimate P50, QuantileEstimate P95);
