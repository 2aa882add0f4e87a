using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MySqlConnector;
using Perf.Bench.Queries;
using Perf.Harness;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.CommandLine;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench.CiGate;

/// <summary><c>bench probe</c>: one round of the gate's query timings, run by the gate as a child process of each revision it compares.</summary>
/// <remarks>
/// A process per round makes each round an independent replicate (its own JIT, pool and GC), which is what the gate's
/// rank test over rounds assumes, and lets the base revision's own code measure itself. With <c>--serve</c> the gate
/// paces it (<c>--prepare-only</c> seeds and reports instead): after setup it prints <c>probe:ready</c> and its case names, then runs one command per stdin line
/// (<c>warm CASE</c>: the untimed executions; <c>time CASE</c>: one timed execution; <c>end</c>: write the result and
/// exit), answering each with <c>probe:ok</c>. Two serving probes, base and head, then take turns execution by
/// execution, milliseconds apart, so a slow stretch of a shared machine hits both sides of every pair alike.
/// </remarks>
internal static class ProbeCommand
{
    /// <summary>The line a serving probe prints once set up, followed by its case names as a JSON array.</summary>
    internal const string ReadyPrefix = "probe:ready ";

    /// <summary>The line a serving probe prints after each command.</summary>
    internal const string OkLine = "probe:ok";

    /// <summary>The <c>probe</c> command.</summary>
    public static Command Create(HarnessOptions harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var prefix = HarnessOptions.CreatePrefix("the variant databases' prefix", "gate_head");
        Option<bool> prepareOnly = new("--prepare-only") { Description = "seed and reconcile the database, report its dataset and DDL, time nothing" };
        Option<bool> noSeed = new("--no-seed") { Description = "measure the database as it is" };
        var warmup = WholeNumber.Option("--warmup", 0, 100_000, "untimed executions per query (default 3)");
        Option<string?> cases = new("--cases") { Description = "only queries whose name contains one of these (comma list)", HelpName = "list" };
        Option<string?> slowdown = new("--slowdown") { Description = "self-test only: run this query twice per execution (CASE*N: N times)", HelpName = "case" };
        Option<bool> crash = new("--crash") { Description = "self-test only: exit 1 before measuring" };
        Option<bool> serve = new("--serve") { Description = "time when told, one stdin command per execution (warm CASE, time CASE, end): how the gate interleaves base and head" };
        var output = NonEmptyText.Option("--out", "the JSON file to write", "file");
        output.Required = true;
        output.Validators.Add(result =>
        {
            // Known before seeding and measuring, as --results is.
            if (result.GetValueOrDefault<string?>() is { } file && !string.IsNullOrWhiteSpace(file)
                && ResultWriter.CannotWrite(Path.GetDirectoryName(Path.GetFullPath(file))!) is { } problem)
            {
                result.AddError($"--out: cannot write {Path.GetFullPath(file)}: {problem}.");
            }
        });
        var command = new Command("probe", "One round of the CI gate's query timings; the gate runs it as a child process of each revision it compares.");
        foreach (var option in new Option[] { prefix, harness.Variant, prepareOnly, noSeed, warmup, cases, slowdown, crash, serve, output })
        {
            command.Options.Add(option);
        }

        slowdown.Validators.Add(result =>
        {
            // Known before seeding and measuring.
            try
            {
                _ = Slowdown(result.GetValueOrDefault<string?>());
            }
            catch (UsageException ex)
            {
                result.AddError(ex.Message);
            }
        });
        command.Validators.Add(result =>
        {
            if (!result.GetValue(prepareOnly) && !result.GetValue(serve))
            {
                result.AddError("probe times only under the gate's pacing: pass --serve (or --prepare-only to seed and report).");
            }
        });
        command.SetAction((parse, ct) => RunAsync(
            new ProbeOptions(
                parse.GetValue(prefix)!,
                parse.GetValue(harness.Variant),
                parse.GetValue(prepareOnly),
                !parse.GetValue(noSeed),
                (int)(parse.GetValue(warmup) ?? 3),
                [.. (parse.GetValue(cases) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                parse.GetValue(slowdown),
                parse.GetValue(crash),
                parse.GetValue(output)!,
                harness.Provisioning(parse)),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(ProbeOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
            if (server.QueryCacheProblem("the probe") is { } queryCache)
            {
                throw new ProvisioningException(queryCache);
            }

            var result = await MeasureAsync(server, options, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                await Console.Error.WriteLineAsync("probe: injected crash (a gate self-test asked for it)").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Output))!;
            Directory.CreateDirectory(directory);
            // Written whole or not at all: the gate treats a missing file as a failed round.
            await WholeFile.WriteJsonAsync(options.Output, result, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is ProvisioningException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync("probe: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static async Task<ProbeResult?> MeasureAsync(ProvisionedServer server, ProbeOptions options, CancellationToken cancellationToken)
    {
        var database = VariantDatabase.Name(options.Prefix, options.Variant);
        DatasetInfo? dataset = null;
        if (options.Seed)
        {
            var seedOptions = BenchSeeding.GateOptions with { DatabasePrefix = options.Prefix, Mode = SeedMode.Replace, Variants = [options.Variant] };
            var seeded = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions, null, cancellationToken).ConfigureAwait(false);
            dataset = new DatasetInfo(seeded.Seed, seeded.Scale, seeded.RowCounts, seeded.Checksum);
        }

        string ddl;
        await using (var admin = new MySqlConnection(server.ConnectionStringFor(database)))
        {
            if (options.Seed)
            {
                await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
                await VariantIndexes.ReconcileAsync(admin, options.Variant, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // As bench --no-seed takes it: a database missing or without trades is one usage line, and no file.
                await BenchDataset.OpenAsFoundAsync(admin, options.Prefix, cancellationToken).ConfigureAwait(false);
            }

            ddl = await DdlFingerprint.ComputeAsync(admin, cancellationToken).ConfigureAwait(false);
        }

        var commit = SourceRevision(Environment.CurrentDirectory);
        if (options.PrepareOnly)
        {
            return new ProbeResult(ProbeResult.CurrentFormat, commit, database, dataset, ddl, []);
        }

        if (options.Crash)
        {
            return null;
        }

        var reader = await server.CreateReadOnlyAccountAsync([database], cancellationToken).ConfigureAwait(false);
        await using var queries = new QueryLayer(new MySqlConnectionStringBuilder(reader) { Database = database }.ConnectionString);
        var context = await QueryContextDiscovery.DiscoverAsync(queries.DataSource, cancellationToken).ConfigureAwait(false);
        var cases = GateCases(context, options.Cases);
        var (slowCase, slowFactor) = Slowdown(options.Slowdown);
        var served = await ServeAsync(cases, queries, options.Warmup, slowCase, slowFactor, cancellationToken).ConfigureAwait(false);
        return new ProbeResult(ProbeResult.CurrentFormat, commit, database, dataset, ddl, [.. served.OrderBy(c => c.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The revision of the checkout holding <paramref name="workingDirectory"/>, as <see cref="RevisionBuild.Revision"/> names
    /// it (<c>COMMIT (dirty)</c> with uncommitted changes); null outside a checkout.
    /// </summary>
    /// <remarks>
    /// The gate starts each probe in the tree it was built from (<see cref="RevisionBuild.SourceDirectory"/>). The base's build
    /// lies outside its worktree (<c>.perf/gate/base-X/bin</c> beside <c>src</c>), so the build's own location
    /// (<see cref="GitInfo.TryReadBuild"/>) would find the enclosing checkout and name the head's commit.
    /// </remarks>
    internal static string? SourceRevision(string workingDirectory) =>
        GitInfo.TryRead(RepositoryPaths.FindRoot(workingDirectory)) is { } git
            ? git.Dirty == true ? git.Commit + " (dirty)" : git.Commit
            : null;

    /// <summary>The self-test's slowed query and how many times it runs per execution: <c>CASE</c> twice, <c>CASE*N</c> N times.</summary>
    /// <exception cref="UsageException">A <c>*</c> not followed by a whole number from 1, or no case before it.</exception>
    internal static (string? Case, int Factor) Slowdown(string? value)
    {
        var star = value?.LastIndexOf('*') ?? -1;
        return value is null ? (null, 1)
            : star < 0 ? (value, 2)
            : star > 0 && int.TryParse(value[(star + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var factor) && factor >= 1 ? (value[..star], factor)
            : throw new UsageException($"--slowdown '{value}' must be CASE or CASE*N, N a whole number from 1.");
    }

    /// <summary>The API's queries (every family: trade pages, deep pages, symbol filter, summaries, metrics by window, health); not the document's "bad" full scan, which no endpoint runs.</summary>
    internal static IReadOnlyList<QueryCase> GateCases(QueryContext context, IReadOnlyList<string> filters) =>
        [.. QueryCatalog.All(context)
            .Where(c => c is not FullScanCase)
            .Where(c => filters.Count == 0 || filters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>A comma list of case filters (<c>--queries</c>, <c>--cases</c>), refused when it names no query the API runs: the command would judge nothing, and find that out only after seeding.</summary>
    /// <param name="option">The option, as the user typed it.</param>
    /// <param name="value">Its value; null or empty for every query.</param>
    /// <exception cref="UsageException">No query's name contains any of the filters.</exception>
    internal static string[] CaseFilters(string option, string? value)
    {
        string[] filters = [.. (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return filters.Length == 0 || GateCases(QueryContext.NamesOnly, filters).Count > 0 ? filters
            : throw new UsageException($"{option} '{value}' names no query the API runs; they are: {string.Join(", ", GateCases(QueryContext.NamesOnly, []).Select(c => c.Name))}.");
    }

    /// <summary>Answers the gate's commands until <c>end</c>; returns every case timed, its executions in the order they ran.</summary>
    /// <exception cref="InvalidDataException">An unknown command or case, or stdin closed before <c>end</c> (the gate is gone).</exception>
    private static async Task<IReadOnlyList<ProbeCase>> ServeAsync(
        IReadOnlyList<QueryCase> cases, QueryLayer queries, int warmup, string? slowCase, int slowFactor, CancellationToken cancellationToken)
    {
        var byName = cases.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        using var input = new StreamReader(Console.OpenStandardInput());
        await using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        await output.WriteLineAsync(ReadyPrefix + JsonSerializer.Serialize(cases.Select(c => c.Name).ToList())).ConfigureAwait(false);
        while (true)
        {
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException("stdin closed before 'end': the gate that paced this probe is gone");
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (verb, name) = space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..]);
            if (verb == "end")
            {
                return [.. samples.Select(s => new ProbeCase(s.Key, rows[s.Key], [.. s.Value]))];
            }

            if (!byName.TryGetValue(name, out var queryCase) || verb is not ("warm" or "time"))
            {
                throw new InvalidDataException($"unknown probe command '{line}'");
            }

            var repeat = string.Equals(name, slowCase, StringComparison.Ordinal) ? slowFactor : 1;
            var timed = await TimeAsync(queryCase, queries, verb == "warm" ? warmup : 0, verb == "warm" ? 0 : 1, repeat, cancellationToken).ConfigureAwait(false);
            if (verb == "time")
            {
                (samples.TryGetValue(name, out var list) ? list : samples[name] = []).AddRange(timed.SamplesNs);
                rows[name] = timed.Rows;
            }

            await output.WriteLineAsync(OkLine).ConfigureAwait(false);
        }
    }

    private static async Task<ProbeCase> TimeAsync(QueryCase queryCase, QueryLayer queries, int warmup, int executions, int repeat, CancellationToken cancellationToken)
    {
        long rows = 0;
        for (var i = 0; i < warmup; i++)
        {
            rows = await queryCase.RunAsync(queries, cancellationToken).ConfigureAwait(false);
        }

        var samples = new double[executions];
        for (var i = 0; i < executions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var r = 0; r < repeat; r++)
            {
                rows = await queryCase.RunAsync(queries, cancellationToken).ConfigureAwait(false);
            }

            samples[i] = Stopwatch.GetElapsedTime(start).Ticks * 100.0;
        }

        return new ProbeCase(queryCase.Name, rows, samples);
    }
}
