namespace Perf.Analysis.Gates;

/// <summary>The result of one gate check.</summary>
public enum GateOutcome
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The check failed: a regression or a broken threshold.</summary>
    Failed,

    /// <summary>Not judged: the check was not asked for (e.g. <c>--only plans</c>), or had nothing to compare (a query only one revision has).</summary>
    Skipped,

    /// <summary>The step could not give a verdict: it crashed, wrote nothing or measured invalidly. The gate fails closed on it.</summary>
    Error,
}
