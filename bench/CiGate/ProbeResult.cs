using Perf.Harness.Results;

namespace Perf.Bench.CiGate;

/// <summary>What one <c>bench probe</c> process measured: the file the gate reads back from a child of any revision.</summary>
/// <param name="Format">The file's format version; the gate refuses another one.</param>
/// <param name="Commit">The revision of the tree the probe was built from (its working directory's checkout, as the gate starts it), <c>COMMIT (dirty)</c> with uncommitted changes; null when it cannot tell.</param>
/// <param name="Database">The database it measured.</param>
/// <param name="Dataset">Seed, scale, rows and checksum of the data the probe seeded or found seeded; null with <c>--no-seed</c>.</param>
/// <param name="DdlHash">The hash of the measured database's live DDL.</param>
/// <param name="Cases">Each query's timed executions, in the order they ran.</param>
public sealed record ProbeResult(int Format, string? Commit, string Database, DatasetInfo? Dataset, string DdlHash, IReadOnlyList<ProbeCase> Cases)
{
    /// <summary>The format this build writes and reads.</summary>
    public const int CurrentFormat = 1;
}
