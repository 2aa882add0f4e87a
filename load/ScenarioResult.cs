using Perf.Load.Reports;

namespace Perf.Load;

/// <summary>What one scenario's run measured and whether it passed.</summary>
/// <param name="Total">Every measured invocation.</param>
/// <param name="Steps">Per sub-step reported with <see cref="ScenarioContext.StepAsync"/>, or, for a scenario of requests (<see cref="Scenario.CreateRequests"/>), per endpoint.</param>
/// <param name="Thresholds">Each threshold's verdict.</param>
/// <param name="GeneratorProblems">Why the generator could not keep its schedule; when any, the latencies are not a valid verdict.</param>
/// <param name="ReportDirectory">Where the reports were written, or null.</param>
public sealed record ScenarioResult(
    StepStats Total,
    IReadOnlyList<StepStats> Steps,
    IReadOnlyList<ThresholdVerdict> Thresholds,
    IReadOnlyList<string> GeneratorProblems,
    string? ReportDirectory)
{
    /// <summary>The scenario's name.</summary>
    public string Name => Total.Name;

    /// <summary>The generator kept its schedule, and there were thresholds and every one held.</summary>
    /// <remarks>False without thresholds: nothing was judged (the command line's NOT JUDGED), so nothing passed.</remarks>
    public bool Passed => GeneratorProblems.Count == 0 && Thresholds.Count > 0 && Thresholds.All(t => t.Passed);

    internal static ScenarioResult From(RunSummary summary, string? reportDirectory)
    {
        var scenario = summary.Scenarios.Single();
        return new(
            StepStats.From(scenario),
            [.. summary.Endpoints.Where(e => e.Name != scenario.Name).Select(StepStats.From)],
            [.. summary.Thresholds.Select(t => new ThresholdVerdict(t.Expression, t.Actual, t.Passed, t.ActualText) { Settled = t.Settled })],
            summary.Generator.Problems,
            reportDirectory);
    }
}
