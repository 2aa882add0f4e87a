namespace Perf.Bench.Gate;

/// <summary>The outcome of comparing captured plans with the baseline.</summary>
/// <param name="Checked">How many (query, variant) plans were compared.</param>
/// <param name="Failures">One readable line per regression; empty when the gate passes.</param>
public sealed record GateResult(int Checked, IReadOnlyList<string> Failures)
{
    /// <summary>Whether every plan met its baseline.</summary>
    public bool Passed => Failures.Count == 0;
}
