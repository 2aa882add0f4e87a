namespace Telemetry.CommandLine;

/// <summary>The process exit codes of every tool (seed, load, bench and its CI gate, the jobs CLI), following k6 where it has one.</summary>
/// <remarks>
/// | code | meaning | who |
/// |---:|---|---|
/// | 0 | done: seeded, every threshold passed (or a load run had none to judge: NOT JUDGED, never PASS), the gate passed, the job ran, or help was printed | all |
/// | 1 | the work failed (server error, a job threw, a benchmark errored, an unexpected failure inside the runner) | all |
/// | 99 | a threshold failed (k6's <c>ThresholdsHaveFailed</c>); for the CI gate: a plan, load threshold or timing regressed | load, bench |
/// | 104 | bad command line or configuration; nothing was started or changed (k6's <c>InvalidConfig</c>) | all |
/// | 110 | no verdict: an invalid run (the generator could not keep its schedule), or a load run NOT SETTLED (a threshold neither shown to hold nor missed); for the CI gate: a step could not give a verdict | load, bench |
/// | 111 | not comparable: a baseline from another machine, server, dataset or schema | bench |
/// | 130 | interrupted by Ctrl+C; whole steps are kept, rerun the same command to resume | seed, jobs |
/// </remarks>
public static class ExitCodes
{
    /// <summary>Done: seeded, every threshold passed, the job ran, or help was printed.</summary>
    public const int Success = 0;

    /// <summary>The work failed: a server error, a job that threw, an unexpected failure inside the runner.</summary>
    public const int Failure = 1;

    /// <summary>At least one threshold failed (k6's <c>ThresholdsHaveFailed</c>).</summary>
    public const int ThresholdsFailed = 99;

    /// <summary>The command line or the configuration it names is wrong; nothing was started or changed (k6's <c>InvalidConfig</c>).</summary>
    public const int UsageError = 104;

    /// <summary>No verdict is possible: the load generator could not keep its schedule, a threshold was neither shown to hold nor missed (NOT SETTLED), or a gate step crashed, wrote nothing or measured too little.</summary>
    public const int InvalidRun = 110;

    /// <summary>A baseline (plans or timings) was taken on another machine, server, dataset or schema, and comparing across them was not allowed.</summary>
    public const int EnvironmentMismatch = 111;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT); completed steps are kept, so rerunning the same command resumes.</summary>
    public const int Interrupted = 130;
}
