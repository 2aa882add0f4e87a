namespace Telemetry.Jobs;

/// <summary>The command-line names of <see cref="JobKind"/> values.</summary>
internal static class JobNames
{
    private static readonly Dictionary<JobKind, string> Names = new()
    {
        [JobKind.RollupHourly] = "rollup-hourly",
        [JobKind.RollupDaily] = "rollup-daily",
        [JobKind.Archive] = "archive",
        [JobKind.MaintainPartitions] = "maintain-partitions",
        [JobKind.Analyze] = "analyze",
        [JobKind.Monitor] = "monitor",
        [JobKind.WatchSlowQueries] = "watch-slow-queries",
        [JobKind.WarmCache] = "warm-cache",
    };

    /// <summary>The name of a job, e.g. <c>rollup-hourly</c>.</summary>
    public static string ToName(this JobKind job) => Names[job];

    /// <summary>Finds a job by its command-line name.</summary>
    public static bool TryParse(string name, out JobKind job)
    {
        foreach (var (kind, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                job = kind;
                return true;
            }
        }

        job = default;
        return false;
    }

    /// <summary>Every job name, for help text.</summary>
    public static IEnumerable<string> All => Names.Values;
}
