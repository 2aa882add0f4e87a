using Telemetry.CommandLine;

namespace Perf.Analysis.Gates;

/// <summary>The CI perf gate's checks and verdict.</summary>
/// <param name="Checks">Every check, in the order they ran.</param>
/// <param name="Timings">The timing comparisons behind the timing checks.</param>
public sealed record GateReport(IReadOnlyList<GateCheck> Checks, IReadOnlyList<TimingComparison> Timings)
{
    /// <summary>The suite name of the environment checks.</summary>
    public const string EnvironmentSuite = "environment";

    /// <summary>True when no check failed or errored.</summary>
    public bool Passed => Checks.All(c => c.Outcome is GateOutcome.Passed or GateOutcome.Skipped);

    /// <summary>The exit code from <see cref="ExitCodes"/>: a regression first, then an invalid step, then an environment refusal.</summary>
    /// <remarks>A regression wins over an error elsewhere: what was measured already proves the change worse.</remarks>
    public int ExitCode =>
        Checks.Any(c => c.Outcome == GateOutcome.Failed && c.Suite != EnvironmentSuite) ? ExitCodes.ThresholdsFailed
        : Checks.Any(c => c.Outcome == GateOutcome.Error) ? ExitCodes.InvalidRun
        : Checks.Any(c => c.Outcome == GateOutcome.Failed) ? ExitCodes.EnvironmentMismatch
        : ExitCodes.Success;

    /// <summary>One line saying why the gate failed, or that it passed.</summary>
    public string Reason
    {
        get
        {
            var failed = Checks.Where(c => c.Outcome is GateOutcome.Failed or GateOutcome.Error).ToList();
            return failed.Count == 0
                ? $"passed: {Checks.Count(c => c.Outcome == GateOutcome.Passed)} checks passed, {Checks.Count(c => c.Outcome == GateOutcome.Skipped)} skipped (not run or not judged)"
                : $"failed: {string.Join("; ", failed.Select(c => $"{c.Suite}/{c.Name}: {(c.Outcome == GateOutcome.Error ? "error: " : string.Empty)}{c.Message}"))}";
        }
    }
}
