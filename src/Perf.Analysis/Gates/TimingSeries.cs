namespace Perf.Analysis.Gates;

/// <summary>One query's timings from interleaved rounds: the median of each round's executions, in nanoseconds.</summary>
/// <param name="Name">The query case, e.g. <c>trades_page/hot/7d</c>.</param>
/// <param name="RoundMediansNs">One value per round: the median of that round's timed executions.</param>
/// <param name="Rows">Rows the query returned (exact; equal on both sides when they ran on the same data).</param>
public sealed record TimingSeries(string Name, IReadOnlyList<double> RoundMediansNs, long Rows);
