using Telemetry.CommandLine;
using System.Globalization;
using MySqlConnector;
using Perf.Bench.Gate;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Bench.Suite;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>The bench program: provision, seed, capture plans, then run the suite or the gate.</summary>
public static class BenchProgram
{
    /// <summary>Runs the parsed command; returns 0 on success, 1 when a benchmark errored or the gate failed, 111 when the gate's baseline is from another environment.</summary>
    /// <exception cref="ProvisioningException">No server could be found or started.</exception>
    /// <exception cref="UsageException">The gate's baseline is missing or not a plan baseline (known before any server work).</exception>
    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(arguments);
        var root = RepositoryPaths.FindRoot();
        if (options.Command == BenchCommand.Suite && SuiteRunner.IsInformational(options.BenchmarkArgs))
        {
            // --list, --info and --version need neither a server nor data.
            SuiteRunner.Run(options.Preset, options.BenchmarkArgs, Path.Combine(root, "BenchmarkDotNet.Artifacts"));
            return 0;
        }

        // Read before the server is provisioned and the gate dataset seeded: a bad baseline costs nothing and leaves no results folder.
        var baseline = options is { Command: BenchCommand.Gate, UpdateBaseline: false }
            ? await PlanBaseline.ReadOptionAsync(options.BaselinePath, "--baseline", cancellationToken).ConfigureAwait(false)
            : null;
        return await RunWithServerAsync(options, baseline, [.. arguments], root, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunWithServerAsync(BenchOptions options, PlanBaseline? baseline, string[] args, string root, CancellationToken cancellationToken)
    {
        await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
        Progress($"server: {server}");
        if (options.BufferPoolBytes is not null && !server.CanRestart)
        {
            throw new UsageException("--buffer-pool restarts the server with a small buffer pool: it needs a local server this run starts; without --mysql/PERF_MYSQL, and with no other process running the server on its data directory.");
        }

        if (options.Command == BenchCommand.Suite && server.QueryCacheProblem("the suite") is { } queryCache)
        {
            // Plans and the gate count exact work with the cache off in their own session; only the suite times the query layer.
            throw new UsageException(queryCache);
        }

        var manifest = RunManifest.Create(options.Command == BenchCommand.Gate ? "bench-gate" : "bench", server, args, root);
        var (dataset, connectionStrings, context) = await PrepareAsync(options, server, manifest, cancellationToken).ConfigureAwait(false);

        // Made once the data is there: a run refused on its databases (--no-seed on missing or empty ones) leaves no folder behind.
        var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
        manifest.Parameters["command"] = options.Command.ToString().ToLowerInvariant();
        if (options.Command == BenchCommand.Suite)
        {
            // Only the suite times anything; --job replaces its preset's job.
            manifest.Parameters["preset"] = SuiteRunner.Job(options.Preset, options.BenchmarkArgs);
        }

        manifest.Parameters["databases"] = options.Prefix + "_*";
        manifest.Parameters["context"] = System.Text.Json.JsonSerializer.Serialize(context);
        Progress($"context: {manifest.Parameters["context"]}");

        var cases = QueryCatalog.All(context);
        var plans = await PlanRunner.CaptureAsync(connectionStrings, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
        Progress($"plans: {plans.Count} captured");
        if (options.Command == BenchCommand.Suite)
        {
            // Plans first, so they survive a suite that crashes; rewritten with the end time below.
            await WritePlansAsync(writer, context, plans, cancellationToken).ConfigureAwait(false);
            if (options.BufferPoolBytes is { } pool)
            {
                // Seeded and planned as usual, timed memory-constrained: the manifest's server settings are the timings', and its cache parameter says so.
                var restarted = await server.RestartAsync(new ServerRestart(pool, DirectIo: true), cancellationToken).ConfigureAwait(false);
                manifest.Server = ServerDescription.From(server);
                manifest.Parameters["cache"] = $"timings memory-constrained: buffer pool {new ByteSize(restarted.BufferPoolBytes)} ({restarted.FlushMethod}), OS page cache {(restarted.OsPageCacheDropped ? "dropped" : "kept")} at the restart; plans captured before it, with the usual pool";
                Progress($"cache: {manifest.Parameters["cache"]}");
            }
        }

        if (options.Command != BenchCommand.Suite)
        {
            manifest.EndedUtc = DateTime.UtcNow;
        }

        var exitCode = options.Command switch
        {
            BenchCommand.Gate => await GateAsync(options, baseline, dataset, server, plans, writer, cancellationToken).ConfigureAwait(false),
            BenchCommand.Plans => await CompareAsync(writer, plans, [], cancellationToken).ConfigureAwait(false),
            _ => await SuiteAsync(options, server, connectionStrings, context, plans, writer, cancellationToken).ConfigureAwait(false),
        };

        await WritePlansAsync(writer, context, plans, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        Progress($"results: {writer.Directory}");
        return exitCode;
    }

    /// <summary>Seeds (or reuses) the dataset, records its DDL in the manifest, and opens the read-only account the queries run as.</summary>
    internal static async Task<BenchSession> PrepareAsync(BenchOptions options, ProvisionedServer server, RunManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(manifest);
        var dataset = await BenchDataset.PrepareAsync(server, options, cancellationToken).ConfigureAwait(false);
        manifest.Dataset = dataset.Info;
        Progress($"dataset: {dataset.Info.Scale}, {string.Join(", ", dataset.Info.RowCounts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:N0}")))}");
        foreach (var (variant, database) in dataset.Databases)
        {
            await using var admin = new MySqlConnection(server.ConnectionStringFor(database));
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            manifest.DdlHashes[variant.ToString()] = await DdlFingerprint.ComputeAsync(admin, cancellationToken).ConfigureAwait(false);
        }

        // Queries run as a read-only account, as the API's would.
        var reader = await server.CreateReadOnlyAccountAsync(dataset.Databases.Values, cancellationToken).ConfigureAwait(false);
        var connectionStrings = dataset.Databases.ToDictionary(
            p => p.Key,
            p => new MySqlConnectionStringBuilder(reader) { Database = p.Value }.ConnectionString);

        QueryContext context;
        await using (var queries = new QueryLayer(connectionStrings[SchemaVariant.Composite]))
        {
            context = await QueryContextDiscovery.DiscoverAsync(queries.DataSource, cancellationToken).ConfigureAwait(false);
        }

        return new BenchSession(dataset, connectionStrings, context);
    }

    private static async Task<int> SuiteAsync(
        BenchOptions options, ProvisionedServer server, IReadOnlyDictionary<SchemaVariant, string> connectionStrings, QueryContext context,
        IReadOnlyList<PlanResult> plans, ResultWriter writer, CancellationToken cancellationToken)
    {
        new BenchContext(connectionStrings, context).Publish();
        await using var counters = await BufferPoolCounters.OpenAsync(server.AdminConnectionString, cancellationToken).ConfigureAwait(false);
        var pages = new BufferPoolDiagnoser(counters);
        var summaries = SuiteRunner.Run(options.Preset, options.BenchmarkArgs, Path.Combine(writer.Directory, BenchmarkArtifacts.FolderName), pages);
        writer.Manifest.EndedUtc = DateTime.UtcNow;
        var timings = TimingCollector.Collect(summaries, context, pages);
        await writer.WriteJsonAsync("timings", new { manifest = writer.Manifest, timings }, cancellationToken).ConfigureAwait(false);
        await BenchmarkArtifacts.StampAsync(writer, cancellationToken).ConfigureAwait(false);
        await CompareAsync(writer, plans, timings, cancellationToken).ConfigureAwait(false);
        var errors = SuiteRunner.Errors(summaries);
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync("benchmark error: " + error).ConfigureAwait(false);
        }

        if (summaries.Count == 0)
        {
            await Console.Error.WriteLineAsync("No benchmark ran (check --filter).").ConfigureAwait(false);
            return 1;
        }

        return errors.Count == 0 ? 0 : 1;
    }

    private static async Task WritePlansAsync(ResultWriter writer, QueryContext context, IReadOnlyList<PlanResult> plans, CancellationToken cancellationToken)
    {
        await writer.WriteJsonAsync("plans", new { manifest = writer.Manifest, context, plans }, cancellationToken).ConfigureAwait(false);
        await writer.WriteReportAsync("plans", PlanReport.Build(plans), html: false, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CompareAsync(ResultWriter writer, IReadOnlyList<PlanResult> plans, IReadOnlyList<TimingRow> timings, CancellationToken cancellationToken)
    {
        await writer.WriteReportAsync("comparison", ComparisonReport.Build(plans, timings), html: false, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The gate against <paramref name="baseline"/>, or, with <c>--update-baseline</c> (no baseline read), the plans written as the new one.</summary>
    private static async Task<int> GateAsync(
        BenchOptions options, PlanBaseline? baseline, PreparedDataset dataset, ProvisionedServer server, IReadOnlyList<PlanResult> plans, ResultWriter writer, CancellationToken cancellationToken)
    {
        var datasetLabel = dataset.Info.Describe();
        var serverLabel = server.Info.ToString();
        if (baseline is null)
        {
            await PlanBaseline.From(datasetLabel, serverLabel, plans).WriteAsync(options.BaselinePath, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"gate: baseline rewritten with {plans.Count} plans: {options.BaselinePath}");
            return 0;
        }

        var differences = baseline.Differences(datasetLabel, serverLabel);
        if (differences.Count > 0 && !options.AllowDifferentEnvironment)
        {
            // Row counts and plans are exact for one dataset on one server version; on others they are not comparable.
            await Console.Error.WriteLineAsync($"gate: refusing to compare plans from another environment ({string.Join("; ", differences)}); pass --allow-different-environment to compare anyway, or re-take the baseline with `gate --update-baseline`.").ConfigureAwait(false);
            return ExitCodes.EnvironmentMismatch;
        }

        // Compared anyway, the run says so wherever its verdict is read: the console, gate.json and gate.md.
        if (differences.Count > 0)
        {
            await Console.Error.WriteLineAsync($"gate: comparing with a baseline from another environment (--allow-different-environment): {string.Join("; ", differences)}").ConfigureAwait(false);
        }

        var result = PlanGate.Check(baseline, plans) with { EnvironmentDifferences = differences };
        await writer.WriteJsonAsync("gate", new { manifest = writer.Manifest, baseline = options.BaselinePath, result }, cancellationToken).ConfigureAwait(false);
        await writer.WriteReportAsync("gate", result.Report(Path.GetFileName(options.BaselinePath)), html: false, cancellationToken).ConfigureAwait(false);
        if (result.Passed)
        {
            Console.WriteLine("gate: " + result.Summary);
            return 0;
        }

        await Console.Error.WriteLineAsync("gate: " + result.Summary).ConfigureAwait(false);
        foreach (var failure in result.Failures)
        {
            await Console.Error.WriteLineAsync("  " + failure).ConfigureAwait(false);
        }

        return 1;
    }

    private static void Progress(string message) => Console.Error.WriteLine("bench: " + message);
}
