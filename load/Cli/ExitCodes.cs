namespace Perf.Load.Cli;

/// <summary>Process exit codes, following k6 where it has one.</summary>
internal static class ExitCodes
{
    /// <summary>Every threshold passed and the run was valid.</summary>
    public const int Pass = 0;

    /// <summary>An unexpected failure inside the runner.</summary>
    public const int InternalError = 1;

    /// <summary>At least one threshold failed (k6's <c>ThresholdsHaveFailed</c>).</summary>
    public const int ThresholdsFailed = 99;

    /// <summary>The configuration was wrong (k6's <c>InvalidConfig</c>).</summary>
    public const int BadConfiguration = 104;

    /// <summary>The generator could not keep its schedule, so no latency verdict is possible.</summary>
    public const int InvalidRun = 110;
}
