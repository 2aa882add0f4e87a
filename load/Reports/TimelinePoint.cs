namespace Perf.Load.Reports;

/// <summary>One interval of the run's timeline (gated latency of all requests).</summary>
/// <remarks>
/// A percentile the interval's requests cannot bound (<see cref="Perf.Analysis.Capacity.OrderStatistics.SamplesNeeded"/>:
/// 6 for the median, 36 for p90, 368 for p99) is null: of 20 requests the p99 would be the maximum. Summaries written
/// before 2026-12-07 hold every interval's values.
/// </remarks>
/// <param name="Second">Seconds since the measured period began, at the interval's end.</param>
/// <param name="Rps">Requests completed per second.</param>
/// <param name="P50Ms">Median, or null when the interval has too few requests to bound it.</param>
/// <param name="P90Ms">90th percentile, or null when the interval has too few requests to bound it.</param>
/// <param name="P99Ms">99th percentile, or null when the interval has too few requests to bound it.</param>
/// <param name="MaxMs">Largest.</param>
/// <param name="Errors">Failed requests.</param>
internal sealed record TimelinePoint(double Second, double Rps, double? P50Ms, double? P90Ms, double? P99Ms, double MaxMs, long Errors);
