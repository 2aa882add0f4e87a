using System.Diagnostics;
using Dapper;
using MySqlConnector;
using Perf.Analysis.Gates;
using Perf.Bench.Gate;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;

namespace Perf.Bench.CiGate;

/// <summary>
/// The gate's plan suite: the plan gate on its own dataset, one check per (query, variant), against the committed plan
/// baseline; where that was taken on another server build or dataset, against the base revision's plans captured on
/// this server and data in the same run (a machine the baseline has never seen), refusing only when even those differ.
/// </summary>
internal static class PlanStep
{
    private static readonly TimeSpan BaseCaptureTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The plan baseline the suite compares with (<c>--plan-baseline</c>, or the committed one), read before the gate provisions or seeds anything.</summary>
    /// <exception cref="Telemetry.CommandLine.UsageException">It is missing, a folder, unreadable or not a plan baseline.</exception>
    public static Task<PlanBaseline> ReadBaselineAsync(string root, CiOptions options, CancellationToken cancellationToken) =>
        PlanBaseline.ReadOptionAsync(options.PlanBaselinePath ?? BenchOptions.DefaultBaselinePath(root), "--plan-baseline", cancellationToken);

    /// <summary>Captures the gate dataset's plans and compares them with <paramref name="baseline"/> (<see cref="ReadBaselineAsync"/>).</summary>
    public static async Task<IReadOnlyList<GateCheck>> RunAsync(string root, ProvisionedServer server, CiOptions options, PlanBaseline baseline, GateFault fault, ResultWriter writer, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var benchOptions = BenchOptions.ForGate(root, options.Provisioning);
        var session = await BenchProgram.PrepareAsync(benchOptions, server, writer.Manifest, cancellationToken).ConfigureAwait(false);
        if (fault.DropIndex is { } index)
        {
            await DropIndexAsync(server, session.Dataset.Databases.Values, index, cancellationToken).ConfigureAwait(false);
        }

        var plans = await PlanRunner.CaptureAsync(session.ConnectionStrings, server.Info.Flavor, QueryCatalog.All(session.Context), cancellationToken).ConfigureAwait(false);
        await writer.WriteJsonAsync("plans", new { manifest = writer.Manifest, context = session.Context, plans }, cancellationToken).ConfigureAwait(false);
        var (dataset, serverLabel) = (session.Dataset.Info.Describe(), server.Info.ToString());
        var differences = baseline.Differences(dataset, serverLabel);
        var instead = string.Empty;
        if (differences.Count > 0 && !options.AllowDifferentEnvironment && options.BaselineDirectory is null)
        {
            // Plans and row counts are exact for one server build and dataset, so take the base revision's on this one.
            var (fromBase, revision) = await BasePlansAsync(root, server, options, writer, cancellationToken).ConfigureAwait(false);
            instead = $"the plan baseline was taken elsewhere ({string.Join("; ", differences)}), so the base revision's plans, captured on this server and data, are the baseline (base {revision}): ";
            (baseline, differences) = (fromBase, fromBase.Differences(dataset, serverLabel));
        }

        var comparable = differences.Count == 0 || options.AllowDifferentEnvironment;
        var environment = new GateCheck(
            GateReport.EnvironmentSuite,
            "plans: same dataset and server as the plan baseline",
            comparable ? GateOutcome.Passed : GateOutcome.Failed,
            instead + (differences.Count == 0 ? $"{baseline.Dataset} on {baseline.Server}"
                : (comparable ? "compared anyway (--allow-different-environment): " : "refusing to compare plans from another dataset or server (pass --allow-different-environment, or re-take the baseline with `bench gate --update-baseline`): ")
                    + string.Join("; ", differences)));
        if (!comparable)
        {
            return [environment];
        }

        var result = PlanGate.Check(baseline, plans);
        var each = watch.Elapsed.TotalSeconds / Math.Max(1, result.Verdicts.Count);
        return [environment, .. result.Verdicts.Select(v => new GateCheck(
            CiOptions.PlansSuite, v.Key, v.Failure is null ? GateOutcome.Passed : GateOutcome.Failed, v.Failure ?? "plan matches the baseline", each))];
    }

    /// <summary>The base revision's plans on this server and gate dataset, as its own <c>bench gate --update-baseline</c> writes them (the dataset labelled by this revision), and the revision.</summary>
    /// <exception cref="GateStepException">The base could not be built or could not capture its plans.</exception>
    private static async Task<(PlanBaseline Baseline, string Revision)> BasePlansAsync(string root, ProvisionedServer server, CiOptions options, ResultWriter writer, CancellationToken cancellationToken)
    {
        var chosen = await RevisionBuilder.ResolveBaseAsync(root, options.BaseRevision, cancellationToken).ConfigureAwait(false);
        var build = await RevisionBuilder.BuildBaseAsync(root, chosen.Commit, cancellationToken).ConfigureAwait(false);
        writer.Manifest.Parameters["plans.base"] = build.Revision;
        writer.Manifest.Parameters["plans.base.chosen"] = chosen.How;
        var file = Path.Combine(writer.Directory, "plans-base.json");
        var results = Path.Combine(writer.Directory, "plans-base");
        var (exitCode, log) = await ChildProcess.RunAsync(
            "dotnet",
            [build.AssemblyPath, "gate", "--update-baseline", "--baseline", file, "--results", results, "--mysql", server.AdminConnectionString],
            BaseCaptureTimeout,
            cancellationToken,
            build.SourceDirectory).ConfigureAwait(false);
        if (exitCode != 0 || !File.Exists(file))
        {
            throw new GateStepException($"the base revision {build.ShortRevision} could not capture its plans (exit {exitCode}): {RevisionBuilder.LastLines(log, 4)}");
        }

        try
        {
            // The dataset labelled by this revision from the base run's manifest, as the timings' probes are: a base that
            // words its label otherwise (from before the rows were in it) is compared like for like.
            var plans = await PlanBaseline.ReadAsync(file, cancellationToken).ConfigureAwait(false);
            var manifest = await RunManifestFile.ReadAsync(Path.Combine(results, ResultWriter.ManifestFileName), cancellationToken).ConfigureAwait(false);
            return (plans with { Dataset = manifest.Dataset?.Describe() ?? plans.Dataset }, $"{build.ShortRevision} ({chosen.How})");
        }
        catch (InvalidDataException ex)
        {
            throw new GateStepException($"the base revision {build.ShortRevision} wrote unreadable plans: {ex.Message}", ex);
        }
    }

    /// <summary>The self-test's lost index: dropped wherever it exists; the next prepared run adds it back.</summary>
    private static async Task DropIndexAsync(ProvisionedServer server, IEnumerable<string> databases, string index, CancellationToken cancellationToken)
    {
        const string FindSql = "SELECT DISTINCT TABLE_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = @index";
        foreach (var database in databases)
        {
            await using var connection = new MySqlConnection(server.ConnectionStringFor(database));
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var table in await connection.QueryAsync<string>(new CommandDefinition(FindSql, new { index }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            {
                // Identifiers from information_schema itself, quoted: not user input.
                await connection.ExecuteAsync(new CommandDefinition($"ALTER TABLE `{table}` DROP INDEX `{index.Replace("`", "``", StringComparison.Ordinal)}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                Console.Error.WriteLine($"ci: self-test fault: dropped {database}.{table}.{index}");
            }
        }
    }
}
