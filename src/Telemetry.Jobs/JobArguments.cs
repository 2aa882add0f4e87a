using System.Globalization;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Telemetry.Jobs;

/// <summary>The parsed command line: every value checked before anything connects to the database.</summary>
internal sealed record JobArguments
{
    /// <summary>The environment variable read when <c>--mysql</c> is absent (the harness reads the same).</summary>
    public const string MySqlEnvironmentVariable = "PERF_MYSQL";

    /// <summary>The environment variable read when <c>--api</c> is absent.</summary>
    public const string ApiEnvironmentVariable = "PERF_API";

    /// <summary>The command: a job name, <c>worker</c>, <c>bench-archive</c> or <c>help</c>.</summary>
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

    /// <summary>Rows bench-archive loads.</summary>
    public int Rows { get; init; } = 1_000_000;

    /// <summary>Months of history bench-archive spreads its rows over.</summary>
    public int Months { get; init; } = 24;

    /// <summary>Seconds bench-archive watches the API idle before archiving (with <c>--api</c>).</summary>
    public int IdleSeconds { get; init; } = 15;

    /// <summary>The schema variants bench-archive measures: Composite (row path) and Partitioned (partition path).</summary>
    public IReadOnlyList<SchemaVariant> BenchVariants { get; init; } = [SchemaVariant.Composite, SchemaVariant.Partitioned];

    /// <summary>Keep the bench databases afterwards.</summary>
    public bool Keep { get; init; }

    /// <summary>Log at debug level.</summary>
    public bool Verbose { get; init; }

    /// <summary>The instant jobs compute cutoffs and windows from.</summary>
    public DateTime Clock => Now ?? DateTime.UtcNow;

    /// <summary>The usage text.</summary>
    public static string Usage => $"""
        Usage: Telemetry.Jobs <command> [options]

        Commands (each runs once and exits):
          {string.Join("\n  ", JobNames.All)}
          bench-archive   archival throughput, row path vs partition path (--rows, default 1000000)
          worker          run every job on its cron schedule until stopped

        Options:
          --mysql <cs>                 connection string (else env {MySqlEnvironmentVariable})
          --now <instant>              run as if it were this UTC instant (ISO 8601)
          --dry-run                    archive / maintain-partitions: print what would change, change nothing
          --trades-retention <p>       default 1y    (periods: 90d, 12w, 18mo, 1y)
          --metrics-retention <p>      default 2y
          --health-retention <p>       default 90d
          --chunk-size <n>             rows per transaction on the row path (default 5000)
          --pause-ms <n>               pause after each chunk or partition step (default 20)
          --months-ahead <n>           month partitions kept ahead of now (default 3)
          --api <url>                  API base URL for monitor, warm-cache, bench-archive (else env {ApiEnvironmentVariable})
          --warm-path <path>           a path to warm (repeatable; default: each profile's default views)
          --warm-profiles <1,2,3>      profiles whose default views are warmed
          --schedule <job>=<cron|off>  worker: override a schedule (UTC; 5 fields, or 6 with seconds)
          --rows <n> --months <n> --idle-seconds <n> --keep   bench-archive
          --variant <composite|partitioned|both>               bench-archive (default both)
          --verbose                    debug logging
        Exit codes: 0 done, 1 the job failed, 2 bad command line (nothing was touched).
        """;

    /// <summary>Parses and validates the command line.</summary>
    /// <exception cref="UsageException">Anything is wrong; the message says what.</exception>
    public static JobArguments Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        environment ??= Environment.GetEnvironmentVariable;
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            return new JobArguments { Command = "help" };
        }

        var command = args[0];
        JobKind? job = JobNames.TryParse(command, out var kind) ? kind : null;
        if (job is null && command is not ("worker" or "bench-archive"))
        {
            throw new UsageException($"Unknown command '{command}'. Commands: {string.Join(", ", JobNames.All)}, bench-archive, worker.");
        }

        string? mysql = null, api = null, trades = null, metrics = null, health = null;
        DateTime? now = null;
        var retention = new RetentionOptions();
        int monthsAhead = 3, rows = 1_000_000, months = 24, idle = 15;
        bool keep = false, verbose = false;
        IReadOnlyList<SchemaVariant> benchVariants = [SchemaVariant.Composite, SchemaVariant.Partitioned];
        var warmPaths = new List<string>();
        IReadOnlyList<int> warmProfiles = [1, 2, 3];
        var scheduleTexts = JobSchedule.Defaults.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);

        for (var i = 1; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            string Value() => inline ?? (++i < args.Count ? args[i] : throw new UsageException($"{name} needs a value."));
            switch (name)
            {
                case "--mysql": mysql = Value(); break;
                case "--api": api = Value(); break;
                case "--now": now = ParseInstant(Value()); break;
                case "--dry-run": retention = retention with { DryRun = true }; break;
                case "--trades-retention": trades = Value(); break;
                case "--metrics-retention": metrics = Value(); break;
                case "--health-retention": health = Value(); break;
                case "--chunk-size": retention = WithOption(() => retention with { ChunkSize = ParseInt(name, Value()) }); break;
                case "--pause-ms": retention = WithOption(() => retention with { Pause = TimeSpan.FromMilliseconds(ParseInt(name, Value())) }); break;
                case "--months-ahead": monthsAhead = ParseInt(name, Value(), 0, 120); break;
                case "--warm-path": warmPaths.Add(Value()); break;
                case "--warm-profiles": warmProfiles = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => ParseInt(name, p.Trim()))]; break;
                case "--schedule": ParseSchedule(Value(), scheduleTexts); break;
                case "--rows": rows = ParseInt(name, Value(), 1, 100_000_000); break;
                case "--months": months = ParseInt(name, Value(), 2, 240); break;
                case "--idle-seconds": idle = ParseInt(name, Value(), 1, 3600); break;
                case "--keep": keep = true; break;
                case "--variant": benchVariants = ParseVariants(Value()); break;
                case "--verbose": verbose = true; break;
                default: throw new UsageException($"Unknown option '{args[i]}'.");
            }
        }

        RetentionPolicy policy;
        try
        {
            policy = RetentionPolicy.Parse(trades, metrics, health);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }

        var schedules = scheduleTexts.Where(kv => kv.Value is not null).Select(kv => JobSchedule.Parse(kv.Key, kv.Value!)).ToList();
        api ??= environment(ApiEnvironmentVariable);
        Uri? apiUri = null;
        if (!string.IsNullOrWhiteSpace(api) && !Uri.TryCreate(api, UriKind.Absolute, out apiUri))
        {
            throw new UsageException($"--api '{api}' is not an absolute URL.");
        }

        mysql ??= environment(MySqlEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(mysql))
        {
            throw new UsageException($"No database: pass --mysql <connection string> or set {MySqlEnvironmentVariable}.");
        }

        return new JobArguments
        {
            Command = command,
            Job = job,
            ConnectionString = mysql,
            Now = now,
            Policy = policy,
            Retention = retention,
            MonthsAhead = monthsAhead,
            Api = apiUri,
            WarmPaths = warmPaths,
            WarmProfiles = warmProfiles,
            Schedules = schedules,
            Rows = rows,
            Months = months,
            IdleSeconds = idle,
            Keep = keep,
            BenchVariants = benchVariants,
            Verbose = verbose,
        };
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static void ParseSchedule(string text, Dictionary<JobKind, string?> schedules)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !JobNames.TryParse(text[..eq].Trim(), out var job))
        {
            throw new UsageException($"--schedule '{text}' must be <job>=<cron> or <job>=off, with a job among {string.Join(", ", JobNames.All)}.");
        }

        var cron = text[(eq + 1)..].Trim();
        schedules[job] = cron.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : cron;
    }

    private static IReadOnlyList<SchemaVariant> ParseVariants(string text) => text.ToUpperInvariant() switch
    {
        "COMPOSITE" => [SchemaVariant.Composite],
        "PARTITIONED" => [SchemaVariant.Partitioned],
        "BOTH" => [SchemaVariant.Composite, SchemaVariant.Partitioned],
        _ => throw new UsageException($"--variant '{text}' must be composite, partitioned or both."),
    };

    private static RetentionOptions WithOption(Func<RetentionOptions> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new UsageException(ex.Message.Split(Environment.NewLine)[0]);
        }
    }

    private static int ParseInt(string name, string text, int min = 0, int max = int.MaxValue) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} '{text}' must be a whole number from {min} to {max}.");

    private static DateTime ParseInstant(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new UsageException($"--now '{text}' is not an ISO 8601 instant, e.g. 2026-01-31T00:00:00Z.");
}
