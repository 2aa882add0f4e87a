namespace Perf.Load.Reports;

/// <summary>One interval of the run's timeline (gated latency of all requests).</summary>
/// <param name="Second">Seconds since the measured period began, at the interval's end.</param>
/// <param name="Rps">Requests completed per second.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Largest.</param>
/// <param name="Errors">Failed requests.</param>
internal sealed record TimelinePoint(double Second, double Rps, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long Errors);
