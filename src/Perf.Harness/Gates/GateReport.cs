namespace Perf.Harness.Gates;

/// <summary>The CI perf gate's checks and verdict.</summary>
/// <param name="Checks">Every check, in the order they ran.</param>
/// <param name="Timings">The benchmark comparisons behind the timing checks.</param>
public sealed record GateReport(IReadOnlyList<GateCheck> Checks, IReadOnlyList<TimingComparison> Timings)
{
    /// <summary>The suite name of the environment check.</summary>
    public const string EnvironmentSuite = "environment";

    /// <summary>True when the environment check refused the comparison.</summary>
    public bool EnvironmentRefused => Checks.Any(c => c.Suite == EnvironmentSuite && c.Outcome == GateOutcome.Failed);

    /// <summary>True when no check failed.</summary>
    public bool Passed => Checks.All(c => c.Outcome != GateOutcome.Failed);

    /// <summary>0 when passed, else <see cref="GateExitCodes.EnvironmentMismatch"/> or <see cref="GateExitCodes.Regressed"/>.</summary>
    public int ExitCode => Passed ? GateExitCodes.Passed
        : Checks.Any(c => c.Outcome == GateOutcome.Failed && c.Suite != EnvironmentSuite) ? GateExitCodes.Regressed
        : GateExitCodes.EnvironmentMismatch;

    /// <summary>One line saying why the gate failed, or that it passed.</summary>
    public string Reason
    {
        get
        {
            var failed = Checks.Where(c => c.Outcome == GateOutcome.Failed).ToList();
            return failed.Count == 0
                ? $"passed: {Checks.Count(c => c.Outcome == GateOutcome.Passed)} checks passed, {Checks.Count(c => c.Outcome == GateOutcome.Skipped)} skipped"
                : $"failed: {string.Join("; ", failed.Select(c => $"{c.Suite}/{c.Name}: {c.Message}"))}";
        }
    }
}
