namespace Perf.Bench.CiGate;

/// <summary>One threshold verdict in the load program's <c>summary.json</c>.</summary>
/// <param name="Expression">The threshold, e.g. <c>p(99) &lt; 1000ms</c>.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="ActualText">The measured value, readable.</param>
internal sealed record LoadThresholdVerdict(string Expression, bool Passed, string? ActualText);
