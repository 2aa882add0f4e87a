namespace Perf.Harness.Gates;

/// <summary>The CI gate's process exit codes: the one table README.md and bench/README.md document.</summary>
/// <remarks>When several apply, the lowest nonzero code wins: a regression is reported even if another step also errored.</remarks>
public static class GateExitCodes
{
    /// <summary>Every check passed.</summary>
    public const int Passed = 0;

    /// <summary>At least one check failed: a plan, a load threshold or a timing regressed.</summary>
    public const int Regressed = 1;

    /// <summary>Bad arguments or unreadable configuration; nothing was measured.</summary>
    public const int ConfigurationError = 2;

    /// <summary>A baseline was taken on another machine, server, dataset or schema, and the comparison was not allowed.</summary>
    public const int EnvironmentMismatch = 3;

    /// <summary>A step could not give a verdict (a crash, a missing result, a build, seed or server failure, a load generator that fell behind).</summary>
    public const int InvalidRun = 4;
}
