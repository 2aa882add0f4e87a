namespace Perf.Bench.Gate;

/// <summary>The plan gate's verdict on one (query, variant).</summary>
/// <param name="Key">The plan's key, <c>query/Variant</c>.</param>
/// <param name="Failure">Why it regressed, or null when it matches the baseline.</param>
public sealed record PlanVerdict(string Key, string? Failure);
