namespace Perf.Bench.CiGate;

/// <summary>One query's executions in one probe round.</summary>
/// <param name="Name">The query case, e.g. <c>trades_page/hot/7d</c>.</param>
/// <param name="Rows">Rows the query returned.</param>
/// <param name="SamplesNs">Each timed execution, in nanoseconds.</param>
public sealed record ProbeCase(string Name, long Rows, IReadOnlyList<double> SamplesNs);
