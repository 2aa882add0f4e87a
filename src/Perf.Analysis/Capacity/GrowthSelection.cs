namespace Perf.Analysis.Capacity;

/// <summary>The fits of every growth model to one series and the one chosen.</summary>
/// <param name="Best">The chosen fit.</param>
/// <param name="Candidates">Every model that was fitted, the rejected ones included.</param>
/// <param name="Reason">Why <see cref="Best"/> won, in one sentence.</param>
public sealed record GrowthSelection(GrowthFit Best, IReadOnlyList<GrowthFit> Candidates, string Reason);
