namespace Perf.Analysis.Capacity;

/// <summary>One recommendation, derived from the measurements by a named rule.</summary>
/// <param name="Rule">The rule that produced it, e.g. <c>partitioning-pays-off</c>.</param>
/// <param name="Text">The recommendation with its evidence (numbers from the measurements).</param>
public sealed record Recommendation(string Rule, string Text);
