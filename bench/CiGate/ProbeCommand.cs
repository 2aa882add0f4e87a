using System.Diagnostics;
using System.Text.Json;
using MySqlConnector;
using Perf.Bench.Queries;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.Data.Schema;

namespace Perf.Bench.CiGate;

/// <summary><c>bench probe</c>: one round of the gate's query timings, run by the gate as a child process of each revision it compares.</summary>
/// <remarks>
/// A process per round makes each round an independent replicate (its own JIT, pool and GC), which is what the gate's
/// rank test over rounds assumes, and lets the base revision's own code measure itself.
/// </remarks>
internal static class ProbeCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(ProbeOptions.Usage);
            return 0;
        }

        ProbeOptions options;
        try
        {
            options = ProbeOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("probe: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        try
        {
            await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
            var result = await MeasureAsync(server, options, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                await Console.Error.WriteLineAsync("probe: injected crash (a gate self-test asked for it)").ConfigureAwait(false);
                return 1;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Output))!;
            Directory.CreateDirectory(directory);
            // Written whole or not at all: the gate treats a missing file as a failed round.
            var temporary = options.Output + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(result, ResultWriter.JsonOptions), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, options.Output, overwrite: true);
            return 0;
        }
        catch (ProvisioningException ex)
        {
            await Console.Error.WriteLineAsync("probe: " + ex.Message).ConfigureAwait(false);
            return 2;
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
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (options.Seed)
            {
                await VariantIndexes.ReconcileAsync(admin, options.Variant, cancellationToken).ConfigureAwait(false);
            }

            ddl = await DdlFingerprint.ComputeAsync(admin, cancellationToken).ConfigureAwait(false);
        }

        var commit = GitInfo.TryRead(RepositoryPaths.FindRoot())?.Commit;
        if (options.PrepareOnly)
        {
            return new ProbeResult(ProbeResult.CurrentFormat, commit, database, dataset, ddl, []);
        }

        if (options.Crash)
        {
            return null;
        }

        var reader = await server.CreateReadOnlyAccountAsync([database], cancellationToken).ConfigureAwait(false);
        await using var queries = new QuerySet(new MySqlConnectionStringBuilder(reader) { Database = database }.ConnectionString);
        var context = await QueryContextDiscovery.DiscoverAsync(queries.DataSource, cancellationToken).ConfigureAwait(false);
        var cases = GateCases(context, options.Cases);
        var measured = new List<ProbeCase>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            // Each round starts at another query, so drift within a round does not always hit the same ones.
            var queryCase = cases[(i + options.Round) % cases.Count];
            var repeat = string.Equals(queryCase.Name, options.Slowdown, StringComparison.Ordinal) ? 2 : 1;
            measured.Add(await TimeAsync(queryCase, queries, options.Warmup, options.Executions, repeat, cancellationToken).ConfigureAwait(false));
        }

        return new ProbeResult(ProbeResult.CurrentFormat, commit, database, dataset, ddl, [.. measured.OrderBy(c => c.Name, StringComparer.Ordinal)]);
    }

    /// <summary>The API's queries (every family: trade pages, deep pages, symbol filter, summaries, metrics by window, health); not the document's "bad" full scan, which no endpoint runs.</summary>
    internal static IReadOnlyList<QueryCase> GateCases(QueryContext context, IReadOnlyList<string> filters) =>
        [.. QueryCatalog.All(context)
            .Where(c => c is not FullScanCase)
            .Where(c => filters.Count == 0 || filters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))];

    private static async Task<ProbeCase> TimeAsync(QueryCase queryCase, QuerySet queries, int warmup, int executions, int repeat, CancellationToken cancellationToken)
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
