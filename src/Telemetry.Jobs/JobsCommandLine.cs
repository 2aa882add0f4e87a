using System.CommandLine;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Data.Queries;

namespace Telemetry.Jobs;

/// <summary>The jobs CLI's command tree on System.CommandLine: one sub-command per job plus <c>worker</c>, every option checked before anything connects.</summary>
internal sealed class JobsCommandLine
{
    private readonly Option<string?> mysql = new("--mysql") { Description = $"connection string (else env {JobArguments.MySqlEnvironmentVariable})", HelpName = "connection-string", Recursive = true };
    private readonly ArchivalOptions archival = new();
    private readonly Option<bool> dryRun = new("--dry-run") { Description = "archive / maintain-partitions: print what would change, change nothing", Recursive = true };
    private readonly Option<int?> monthsAhead = WholeNumber.Int32Option("--months-ahead", 0, 120, "month partitions kept ahead of now (default 3)", recursive: true);
    private readonly Option<string?> api = new("--api") { Description = $"API base URL for monitor and warm-cache (else env {JobArguments.ApiEnvironmentVariable})", HelpName = "url", Recursive = true };
    private readonly Option<string[]> warmPath = new("--warm-path") { Description = "a path to warm (repeatable; default: each profile's default views)", HelpName = "path", Recursive = true };
    private readonly Option<string?> warmProfiles = new("--warm-profiles") { Description = "profiles whose default views are warmed (default 1,2,3)", HelpName = "1,2,3", Recursive = true };
    private readonly Option<string[]> schedule = new("--schedule") { Description = "worker: override a schedule, <job>=<cron|off> (UTC; 5 fields, or 6 with seconds)", HelpName = "job=cron", Recursive = true };
    private readonly Option<bool> verbose = new("--verbose") { Description = "debug logging", Recursive = true };
    private readonly Func<string, string?> environment;

    /// <summary>Creates the options; <paramref name="environment"/> reads <c>PERF_MYSQL</c> and <c>PERF_API</c>.</summary>
    public JobsCommandLine(Func<string, string?>? environment = null) => this.environment = environment ?? Environment.GetEnvironmentVariable;

    /// <summary>Parses and validates <paramref name="args"/> without running anything (tests, and callers that only want the values).</summary>
    /// <exception cref="UsageException">Anything is wrong; the message says what.</exception>
    public static JobArguments Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        var options = new JobsCommandLine(environment);
        var parse = CommandLineRunner.Parse(options.Create((_, _) => Task.FromResult(ExitCodes.Success)), args);
        return options.Read(parse, parse.CommandResult.Command.Name);
    }

    /// <summary>The command tree; each command's action hands its checked <see cref="JobArguments"/> to <paramref name="run"/>.</summary>
    public Command Create(Func<JobArguments, CancellationToken, Task<int>> run)
    {
        var root = CommandLineRunner.CreateRoot("Telemetry.Jobs", "Runs the data lifecycle jobs once, or every job on its cron schedule (worker).");
        Option[] shared = [mysql, .. archival.All, dryRun, monthsAhead, api, warmPath, warmProfiles, schedule, verbose];
        foreach (var option in shared)
        {
            root.Options.Add(option);
        }

        var commands = Enum.GetValues<JobKind>().Select(job => (job.ToName(), Describe(job)))
            .Append(("worker", "run every job on its cron schedule until stopped"));
        foreach (var (name, description) in commands)
        {
            var command = new Command(name, description);
            command.SetAction((parse, cancellationToken) => run(Read(parse, name), cancellationToken));
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static string Describe(JobKind job) => job switch
    {
        JobKind.RollupHourly => "recompute the aggregate windows touched by rows inserted since the last run",
        JobKind.RollupDaily => "recompute yesterday and today in full from raw rows",
        JobKind.Archive => "retention: move old trades and metrics to their archive tables, delete old health rows",
        JobKind.MaintainPartitions => "create month partitions --months-ahead ahead",
        JobKind.Analyze => "ANALYZE TABLE on every telemetry table",
        JobKind.Monitor => "table sizes and growth, buffer-pool hit rate; with --api the API's P95/P99 and cache hit rate",
        JobKind.WatchSlowQueries => "log statements running over 2 s with their live plan",
        JobKind.WarmCache => "request the dashboards' default views on --api",
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, null),
    };

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

    private static List<int> ParseProfiles(string? text)
    {
        if (text is null)
        {
            return [1, 2, 3];
        }

        var profiles = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                // The API's own rule, so no profile is listed here that the API would refuse with a 400.
                profiles.Add(QueryRules.ParseProfileId(part));
            }
            catch (QueryValidationException ex)
            {
                throw new UsageException($"--warm-profiles '{part}' must be a whole number from 1 to {int.MaxValue}.", ex);
            }
        }

        return profiles.Count > 0 ? profiles : throw new UsageException($"--warm-profiles '{text}' names no profile: give ids such as 1,2,3.");
    }

    private JobArguments Read(ParseResult parse, string command)
    {
        var instant = archival.ReadNow(parse);
        var dry = parse.GetValue(dryRun);

        // Only these two have a dry run; anything else (the worker runs every job) would write while told not to.
        if (dry && command is not ("archive" or "maintain-partitions"))
        {
            throw new UsageException($"--dry-run is for archive and maintain-partitions only; {command} would write anyway.");
        }

        var retention = archival.ReadRetention(parse, dry);
        var policy = archival.ReadPolicy(parse);

        var scheduleTexts = JobSchedule.Defaults.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var text in parse.GetValue(schedule) ?? [])
        {
            ParseSchedule(text, scheduleTexts);
        }

        var schedules = scheduleTexts.Where(kv => kv.Value is not null).Select(kv => JobSchedule.Parse(kv.Key, kv.Value!)).ToList();
        var apiText = parse.GetValue(api) ?? environment(JobArguments.ApiEnvironmentVariable);
        var apiUri = string.IsNullOrWhiteSpace(apiText) ? null : HttpUrl.Parse(apiText, "--api");

        var given = parse.GetValue(mysql);
        var connectionString = given ?? environment(JobArguments.MySqlEnvironmentVariable);
        if (connectionString is null || (given is null && string.IsNullOrWhiteSpace(connectionString)))
        {
            throw new UsageException($"No database: pass --mysql <connection string> or set {JobArguments.MySqlEnvironmentVariable}.");
        }

        // The harness tools' rule for --mysql and PERF_MYSQL, so a typo is a usage error here too, not a crash when the job connects.
        if (TelemetryDataSource.Problem(connectionString, given is null ? JobArguments.MySqlEnvironmentVariable : "--mysql") is { } problem)
        {
            throw new UsageException(problem);
        }

        return new JobArguments
        {
            Command = command,
            Job = JobNames.TryParse(command, out var job) ? job : null,
            ConnectionString = connectionString,
            Now = instant,
            Policy = policy,
            Retention = retention,
            MonthsAhead = parse.GetValue(monthsAhead) ?? 3,
            Api = apiUri,
            WarmPaths = parse.GetValue(warmPath) ?? [],
            WarmProfiles = ParseProfiles(parse.GetValue(warmProfiles)),
            Schedules = schedules,
            Verbose = parse.GetValue(verbose),
        };
    }
}
