using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Bench.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Telemetry.Data.Queries;

namespace Perf.Bench.Statements;

/// <summary><c>bench statements</c>: every query the API runs, on every variant, sent as text and as a server-side prepared statement, timed in interleaved rounds.</summary>
/// <remarks>
/// Both arms run the same plan over the same rows, so only the protocol differs: the text protocol parses every statement,
/// the prepared path parses once per connection and sends binary parameters and rows. Each (variant, protocol) is an arm
/// of <see cref="InterleavedSampler"/>, so drift hits both protocols alike; the claim rule then needs a significant rank
/// test over round medians and a difference of at least <see cref="Thresholds"/>.
/// </remarks>
internal static class StatementsBenchmark
{
    /// <summary>What counts as a difference between protocols: 5 % and 0.02 ms of a query's median, at the report's α of 0.05 over all comparisons.</summary>
    /// <remarks>Smaller than the variant comparisons' 1.2× and 1 ms: a protocol's cost is a share of every query, and the API's capacity is their sum.</remarks>
    public static ClaimThresholds Thresholds { get; } = ClaimThresholds.Default with { MinRatio = 1.05, MinAbsoluteMs = 0.02 };

    private const int CounterExecutions = 5;

    private const string PrepareCounter = "Com_stmt_prepare";

    private static readonly StatementMode[] Modes = [StatementMode.Text, StatementMode.Prepared];

    /// <summary>Seeds (or reuses) the bench dataset, measures, writes <c>statements.json</c> and <c>statements.md</c>; returns 0.</summary>
    public static async Task<int> RunAsync(BenchOptions options, StatementSampling sampling, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var root = RepositoryPaths.FindRoot();
        await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
        Progress($"server: {server}");
        var manifest = RunManifest.Create("bench-statements", server, [.. arguments], root);
        var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
        var session = await BenchProgram.PrepareAsync(options, server, manifest, cancellationToken).ConfigureAwait(false);
        manifest.Parameters["preset"] = options.Scale;
        manifest.Parameters["databases"] = options.Prefix + "_*";
        manifest.Parameters["rounds"] = sampling.Rounds.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["executions"] = sampling.Executions.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["case-budget"] = sampling.CaseBudget.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";

        var cases = QueryCatalog.All(session.Context).Where(c => c.ServedByApi && sampling.Selects(c.Name)).ToList();
        if (cases.Count == 0)
        {
            throw new Telemetry.CommandLine.UsageException($"--queries '{string.Join(',', sampling.Queries)}' matches no query the API runs.");
        }

        var plans = await PlanRunner.CaptureAsync(session.ConnectionStrings, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
        var variants = session.ConnectionStrings.Keys.Order().ToList();
        var arms = variants.SelectMany(v => Modes.Select(m => new MeasurementArm($"{v} {m}", new QueryLayer(session.ConnectionStrings[v], m)))).ToList();
        CaseSamples[,] samples;
        double[,] preparesPerExecution;
        try
        {
            Progress($"{cases.Count} queries × {arms.Count} arms: a warm-up pass, then {sampling.Rounds} interleaved rounds");
            await using (var pages = await BufferPoolCounters.OpenAsync(server.AdminConnectionString, cancellationToken).ConfigureAwait(false))
            {
                samples = await InterleavedSampler.MeasureAsync(arms, cases, sampling.Rounds, sampling.Executions, sampling.CaseBudget, pages, cancellationToken).ConfigureAwait(false);
            }

            await using var counters = await GlobalStatus.OpenAsync(server.AdminConnectionString, [PrepareCounter], cancellationToken).ConfigureAwait(false);
            preparesPerExecution = await CountPreparesAsync(arms, cases, counters, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await MeasurementArm.DisposeAllAsync(arms).ConfigureAwait(false);
        }

        var alpha = Thresholds.Alpha / (variants.Count * cases.Count);
        var comparisons = new List<StatementComparison>();
        for (var v = 0; v < variants.Count; v++)
        {
            for (var c = 0; c < cases.Count; c++)
            {
                var work = plans.First(p => p.Query == cases[c].Name && p.Variant == variants[v]).ToExactWork();
                int text = v * Modes.Length, prepared = text + 1;
                var result = ClaimRule.Compare(work, Rounds(samples[prepared, c]), work, Rounds(samples[text, c]), Thresholds, alpha);
                comparisons.Add(new StatementComparison(cases[c].Name, variants[v], result, preparesPerExecution[prepared, c], preparesPerExecution[text, c]));
            }
        }

        var verdict = Decide(comparisons);
        manifest.EndedUtc = DateTime.UtcNow;
        await writer.WriteJsonAsync("statements", new { manifest, thresholds = Thresholds, verdict, comparisons }, cancellationToken).ConfigureAwait(false);
        await writer.WriteReportAsync("statements", StatementReport.Build(comparisons, verdict, Thresholds), html: false, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"statements: {StatementReport.Conclusion(comparisons, verdict)}");
        Progress($"results: {writer.Directory}");
        return 0;
    }

    /// <summary>Adopt prepared statements only where they win somewhere and lose nowhere; keep text on no difference (it holds no statement handles).</summary>
    internal static StatementVerdict Decide(IReadOnlyList<StatementComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var faster = comparisons.Count(c => c.Result.IsClaim && c.Result.CandidateBetter);
        var slower = comparisons.Count(c => c.Result.IsClaim && !c.Result.CandidateBetter);
        return (faster, slower) switch
        {
            (0, 0) => StatementVerdict.NoDifference,
            (> 0, 0) => StatementVerdict.AdoptPrepared,
            (0, > 0) => StatementVerdict.KeepText,
            _ => StatementVerdict.Mixed,
        };
    }

    /// <summary>Server prepares per execution on each arm and query, counted around a few more executions after the rounds.</summary>
    private static async Task<double[,]> CountPreparesAsync(List<MeasurementArm> arms, List<QueryCase> cases, GlobalStatus counters, CancellationToken cancellationToken)
    {
        var perExecution = new double[arms.Count, cases.Count];
        for (var a = 0; a < arms.Count; a++)
        {
            for (var c = 0; c < cases.Count; c++)
            {
                var before = await counters.ReadAsync(cancellationToken).ConfigureAwait(false);
                for (var e = 0; e < CounterExecutions; e++)
                {
                    await cases[c].RunAsync(arms[a].Queries, cancellationToken).ConfigureAwait(false);
                }

                var after = await counters.ReadAsync(cancellationToken).ConfigureAwait(false);
                perExecution[a, c] = (after.GetValueOrDefault(PrepareCounter) - before.GetValueOrDefault(PrepareCounter)) / (double)CounterExecutions;
            }
        }

        return perExecution;
    }

    private static IReadOnlyList<IReadOnlyList<double>> Rounds(CaseSamples samples) => [.. samples.RoundsMs.Select(r => (IReadOnlyList<double>)r)];

    private static void Progress(string message) => Console.Error.WriteLine("bench statements: " + message);
}
