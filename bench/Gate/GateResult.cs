namespace Perf.Bench.Gate;

/// <summary>The outcome of comparing captured plans with the baseline.</summary>
/// <param name="Checked">How many (query, variant) plans were compared.</param>
/// <param name="Verdicts">One verdict per captured plan and per baseline entry that was not captured.</param>
public sealed record GateResult(int Checked, IReadOnlyList<PlanVerdict> Verdicts)
{
    /// <summary>One readable line per regression (<c>query/variant: reason</c>); empty when the gate passes.</summary>
    public IReadOnlyList<string> Failures => [.. Verdicts.Where(v => v.Failure is not null).Select(v => $"{v.Key}: {v.Failure}")];

    /// <summary>Whether every plan met its baseline.</summary>
    public bool Passed => Verdicts.All(v => v.Failure is null);
}
