namespace Perf.Load.Execution;

/// <summary>What the live progress shows once per interval.</summary>
/// <param name="Elapsed">Time since the measured period began (negative during warm-up).</param>
/// <param name="IntervalRate">Requests completed per second in the last interval.</param>
/// <param name="Count">Measured requests so far.</param>
/// <param name="Errors">Failed measured requests so far.</param>
/// <param name="InFlight">Requests open now.</param>
/// <param name="P95Ms">Gated latency p95 so far.</param>
/// <param name="P99Ms">Gated latency p99 so far.</param>
internal sealed record ProgressTick(TimeSpan Elapsed, double IntervalRate, long Count, long Errors, long InFlight, double P95Ms, double P99Ms);
