namespace Perf.Analysis.Gates;

/// <summary>The result of one gate check.</summary>
public enum GateOutcome
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The check failed: a regression or a broken threshold.</summary>
    Failed,

    /// <summary>The check did not run because it was not asked for (e.g. <c>--only plans</c>).</summary>
    Skipped,

    /// <summary>The step could not give a verdict: it crashed, wrote nothing or measured invalidly. The gate fails closed on it.</summary>
    Error,
}
