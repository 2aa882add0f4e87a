namespace Perf.Load.Measurement;

/// <summary>The latencies one stats group recorded during one reporting interval.</summary>
/// <param name="Tag">Interval-log tag: null for the whole run's gated latency, else e.g. <c>endpoint.trades</c>, <c>scenario.dashboard</c>, <c>service</c>.</param>
/// <param name="StartUnixMs">Interval start, Unix milliseconds.</param>
/// <param name="EndUnixMs">Interval end, Unix milliseconds.</param>
/// <param name="Count">Values recorded in the interval.</param>
/// <param name="Errors">Failed requests completed in the interval.</param>
/// <param name="P50Ms">Median, milliseconds.</param>
/// <param name="P90Ms">90th percentile, milliseconds.</param>
/// <param name="P99Ms">99th percentile, milliseconds.</param>
/// <param name="MaxMs">Largest value, milliseconds.</param>
/// <param name="EncodedHistogram">The interval histogram in HdrHistogram's compressed V2 encoding, base64.</param>
internal sealed record IntervalSnapshot(
    string? Tag,
    long StartUnixMs,
    long EndUnixMs,
    long Count,
    long Errors,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    string EncodedHistogram);
