namespace Perf.Bench.CiGate;

/// <summary>The part of the load program's <c>summary.json</c> the gate reads: its threshold verdicts.</summary>
/// <param name="Thresholds">Each threshold with its verdict, or null when the file has none.</param>
internal sealed record LoadSummaryFile(IReadOnlyList<LoadThresholdVerdict>? Thresholds);
