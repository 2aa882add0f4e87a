namespace Perf.Load.Calibration;

/// <summary>What one wrk run reported.</summary>
/// <param name="Connections">Connections used.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="RequestsPerSecond">Throughput.</param>
internal sealed record WrkResult(int Connections, double P50Ms, double P99Ms, double RequestsPerSecond);
