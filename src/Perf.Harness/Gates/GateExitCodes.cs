namespace Perf.Harness.Gates;

/// <summary>The CI gate's process exit codes.</summary>
public static class GateExitCodes
{
    /// <summary>Every check passed.</summary>
    public const int Passed = 0;

    /// <summary>At least one check failed: a regression.</summary>
    public const int Regressed = 1;

    /// <summary>Bad arguments or unreadable input.</summary>
    public const int InvalidInput = 2;

    /// <summary>The baseline is from a different machine or server and <c>--allow-different-environment</c> was not given.</summary>
    public const int EnvironmentMismatch = 3;
}
