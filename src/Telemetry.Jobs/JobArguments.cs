using Telemetry.Data.Lifecycle;
using Telemetry.Jobs.Monitoring;

namespace Telemetry.Jobs;

/// <summary>The parsed command line (see <see cref="JobsCommandLine"/>): every value checked before anything connects to the database.</summary>
internal sealed record JobArguments
{
    /// <summary>The environment variable read when <c>--mysql</c> is absent (the harness reads the same).</summary>
    public const string MySqlEnvironmentVariable = "PERF_MYSQL";

    /// <summary>The environment variable read when <c>--api</c> is absent.</summary>
    public const string ApiEnvironmentVariable = "PERF_API";

    /// <summary>The command: a job name or <c>worker</c>.</summary>
    public required string Command { get; init; }

    /// <summary>The job when <see cref="Command"/> names one.</summary>
    public JobKind? Job { get; init; }

    /// <summary>The connection string, from <c>--mysql</c> or <c>PERF_MYSQL</c>.</summary>
    public string ConnectionString { get; init; } = string.Empty;

    /// <summary>The clock the job runs at (<c>--now</c>, for backfills and tests); null for the real clock.</summary>
    public DateTime? Now { get; init; }

    /// <summary>Retention periods.</summary>
    public RetentionPolicy Policy { get; init; } = RetentionPolicy.Default;

    /// <summary>Chunking, pacing and dry-run.</summary>
    public RetentionOptions Retention { get; init; } = new();

    /// <summary>Months ahead partition maintenance keeps.</summary>
    public int MonthsAhead { get; init; } = 3;

    /// <summary>The API base URL, for monitoring and cache warming.</summary>
    public Uri? Api { get; init; }

    /// <summary>Paths cache warming requests; empty for <see cref="CacheWarmer.DefaultPaths"/>.</summary>
    public IReadOnlyList<string> WarmPaths { get; init; } = [];

    /// <summary>Profiles whose default views cache warming requests.</summary>
    public IReadOnlyList<int> WarmProfiles { get; init; } = [1, 2, 3];

    /// <summary>The worker's schedules (jobs switched off are absent).</summary>
    public IReadOnlyList<JobSchedule> Schedules { get; init; } = [];

    /// <summary>Log at debug level.</summary>
    public bool Verbose { get; init; }

    /// <summary>The instant jobs compute cutoffs and windows from.</summary>
    public DateTime Clock => Now ?? DateTime.UtcNow;
}
