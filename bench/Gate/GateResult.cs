using Perf.Harness.Reports;

namespace Perf.Bench.Gate;

/// <summary>The outcome of comparing captured plans with the baseline.</summary>
/// <param name="Checked">How many (query, variant) plans were captured and compared.</param>
/// <param name="Verdicts">One verdict per captured plan and per baseline entry that was not captured.</param>
public sealed record GateResult(int Checked, IReadOnlyList<PlanVerdict> Verdicts)
{
    /// <summary>How the baseline's dataset and server differ from this run's, one line each, when compared anyway (<c>--allow-different-environment</c>); empty when they match.</summary>
    public IReadOnlyList<string> EnvironmentDifferences { get; init; } = [];

    /// <summary>How many baseline entries had no captured plan: each is a failure, but not one of the <see cref="Checked"/> plans.</summary>
    public int NotCaptured { get; init; }

    /// <summary>One readable line per regression (<c>query/variant: reason</c>); empty when the gate passes.</summary>
    public IReadOnlyList<string> Failures => [.. Verdicts.Where(v => v.Failure is not null).Select(v => $"{v.Key}: {v.Failure}")];

    /// <summary>Whether every plan met its baseline.</summary>
    public bool Passed => Verdicts.All(v => v.Failure is null);

    /// <summary>The verdict in a few words, for the console: exact counts from other data are no evidence alone, so a comparison across environments says so.</summary>
    /// <remarks>Baseline plans that were not captured are counted apart: <c>FAILED (0 of 76 plans checked, 2 baseline plans not captured)</c>.</remarks>
    public string Summary => (Passed ? $"passed ({Checked} plans" : $"FAILED ({Failures.Count - NotCaptured} of {Checked} plans checked{(NotCaptured > 0 ? $", {NotCaptured} baseline plans not captured" : string.Empty)}")
        + (EnvironmentDifferences.Count > 0 ? ", against a baseline from another environment)" : ")");

    /// <summary>The gate's report against the baseline file <paramref name="baselineName"/>: the environment's differences first, when there are any.</summary>
    public ReportDocument Report(string baselineName)
    {
        List<ReportBlock> blocks = EnvironmentDifferences.Count == 0 ? []
            : [new ReportParagraph($"Compared with a baseline from another environment (--allow-different-environment): {string.Join("; ", EnvironmentDifferences)}. Row counts and plans are exact for one dataset on one server; across them a match or a failure may be the data's.")];
        blocks.Add(Passed ? new ReportParagraph($"{Checked} plans match {baselineName}.") : new ReportList(Failures));
        return new ReportDocument("Plan gate: " + (Passed ? "passed" : "FAILED") + (EnvironmentDifferences.Count > 0 ? ", against another environment" : string.Empty), blocks);
    }
}
