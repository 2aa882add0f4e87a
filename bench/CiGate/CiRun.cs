using Perf.Analysis.Gates;

namespace Perf.Bench.CiGate;

/// <summary>A finished gate run: its verdict and where its files are.</summary>
/// <param name="Report">The checks and the timing comparisons.</param>
/// <param name="Directory">The run folder (<c>gate.md</c>, <c>gate.json</c>, <c>junit.xml</c>, the probes' rounds).</param>
public sealed record CiRun(GateReport Report, string Directory);
