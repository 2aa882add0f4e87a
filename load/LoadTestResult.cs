namespace Perf.Load;

/// <summary>The results of every scenario a <see cref="ScenarioRunner"/> ran.</summary>
/// <param name="Scenarios">One result per scenario, in the order they were registered.</param>
public sealed record LoadTestResult(IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>Every scenario passed (<see cref="ScenarioResult.Passed"/>: one without thresholds did not).</summary>
    public bool Passed => Scenarios.Count > 0 && Scenarios.All(s => s.Passed);

    /// <summary>The result of the scenario named <paramref name="name"/>.</summary>
    public ScenarioResult Scenario(string name) =>
        Scenarios.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"No scenario '{name}' ran.");
}
