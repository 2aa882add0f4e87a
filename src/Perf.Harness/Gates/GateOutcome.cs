namespace Perf.Harness.Gates;

/// <summary>The result of one gate check.</summary>
public enum GateOutcome
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The check failed: a regression or a broken threshold.</summary>
    Failed,

    /// <summary>The check did not run (e.g. timings not compared across environments).</summary>
    Skipped,
}
