using System.Globalization;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Bench.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Telemetry.CommandLine;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench.Statements;

/// <summary><c>bench statements</c>: every query the API runs, on every variant, sent as text and as server-side prepared statements (with and without session resets), timed in interleaved rounds.</summary>
/// <remarks>
/// The arms of a variant send the same SQL over the same rows, so only the protocol differs: the text protocol parses every
/// statement; a prepared statement is parsed once per connection and sends binary parameters and rows, but a pooled
/// connection's session reset (MySqlConnector's default) closes it on the server, so it is prepared again on every
/// reuse. Each (variant, protocol) is an arm of <see cref="InterleavedSampler"/>, so drift hits all alike; the claim
/// rule then needs a significant rank test over round medians and a difference of at least <see cref="Thresholds"/>.
/// Plans are captured once per variant, with the text protocol (<see cref="Compare"/>).
/// </remarks>
internal static class StatementsBenchmark
{
    /// <summary>What counts as a difference between protocols: 5 % and 0.02 ms of a query's median, at the report's α of 0.05 over all comparisons.</summary>
    /// <remarks>Smaller than the variant comparisons' 1.2× and 1 ms: a protocol's cost is a share of every query, and the API's capacity is their sum.</remarks>
    public static ClaimThresholds Thresholds { get; } = ClaimThresholds.Default with { MinRatio = 1.05, MinAbsoluteMs = 0.02 };

    private const int CounterExecutions = 5;

    private const string PrepareCounter = "Com_stmt_prepare";

    /// <summary>Seeds (or reuses) the bench dataset, measures, writes <c>statements.json</c> and <c>statements.md</c>; returns 0.</summary>
    public static async Task<int> RunAsync(BenchOptions options, StatementSampling sampling, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var root = RepositoryPaths.FindRoot();
        await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
        Progress($"server: {server}");
        if (server.QueryCacheProblem("the statements benchmark") is { } queryCache)
        {
            throw new UsageException(queryCache);
        }

        var manifest = RunManifest.Create("bench-statements", server, [.. arguments], root);
        var session = await BenchProgram.PrepareAsync(options, server, manifest, cancellationToken).ConfigureAwait(false);
        var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
        manifest.Parameters["preset"] = options.Scale;
        manifest.Parameters["databases"] = options.Prefix + "_*";
        manifest.Parameters["rounds"] = sampling.Rounds.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["executions"] = sampling.Executions.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["case-budget"] = sampling.CaseBudget.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";

        var cases = sampling.Cases(session.Context);
        var plans = await PlanRunner.CaptureAsync(session.ConnectionStrings, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
        var variants = session.ConnectionStrings.Keys.Order().ToList();
        var protocols = StatementProtocol.All;
        var arms = variants.SelectMany(v => protocols.Select(p => new MeasurementArm(
            $"{v} {p.Name}",
            new QueryLayer(new MySqlConnectionStringBuilder(session.ConnectionStrings[v]) { ConnectionReset = p.ConnectionReset }.ConnectionString, p.Mode)))).ToList();
        CaseSamples[,] samples;
        double[,] preparesPerExecution;
        try
        {
            Progress($"{cases.Count} queries × {arms.Count} arms: a warm-up pass, then {sampling.Rounds} interleaved rounds");
            await using (var pages = await BufferPoolCounters.OpenAsync(server.AdminConnectionString, cancellationToken).ConfigureAwait(false))
            {
                samples = await InterleavedSampler.MeasureAsync(arms, cases, sampling.Rounds, sampling.Executions, sampling.CaseBudget, pages, Progress, cancellationToken).ConfigureAwait(false);
            }

            await using var counters = await GlobalStatus.OpenAsync(server.AdminConnectionString, [PrepareCounter], cancellationToken).ConfigureAwait(false);
            preparesPerExecution = await CountPreparesAsync(arms, cases, counters, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await MeasurementArm.DisposeAllAsync(arms).ConfigureAwait(false);
        }

        var comparisons = Compare(variants, cases, plans, samples, preparesPerExecution);
        var verdicts = StatementProtocol.Candidates.ToDictionary(p => p.Name, p => Decide([.. comparisons.Where(c => c.Protocol == p.Name)]));
        manifest.EndedUtc = DateTime.UtcNow;
        await writer.WriteJsonAsync("statements", new { manifest, thresholds = Thresholds, baseline = StatementProtocol.Baseline, candidates = StatementProtocol.Candidates, verdicts, comparisons }, cancellationToken).ConfigureAwait(false);
        await writer.WriteReportAsync("statements", StatementReport.Build(comparisons, verdicts, Thresholds), html: false, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (protocol, verdict) in verdicts)
        {
            Console.WriteLine($"statements: {StatementReport.Conclusion(protocol, [.. comparisons.Where(c => c.Protocol == protocol)], verdict)}");
        }

        Progress($"results: {writer.Directory}");
        return 0;
    }

    /// <summary>Each candidate protocol against the baseline on every (variant, query), by timings alone; a pair in which either arm ran past the command timeout is flagged.</summary>
    /// <param name="samples">Per (arm, case): the arms variant by variant, each variant's in <see cref="StatementProtocol.All"/> order.</param>
    /// <remarks>
    /// Both sides get the work of the variant's plan, captured once with the text protocol: the protocols' own work is not
    /// measured, so the claim rule can only find timings that differ, never work.
    /// </remarks>
    internal static List<StatementComparison> Compare(
        IReadOnlyList<SchemaVariant> variants, IReadOnlyList<QueryCase> cases, IReadOnlyList<PlanResult> plans, CaseSamples[,] samples, double[,] preparesPerExecution)
    {
        var protocols = StatementProtocol.All;
        var alpha = Thresholds.Alpha / (StatementProtocol.Candidates.Count * variants.Count * cases.Count);
        var comparisons = new List<StatementComparison>();
        for (var p = 1; p < protocols.Count; p++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                for (var c = 0; c < cases.Count; c++)
                {
                    var work = plans.First(plan => plan.Query == cases[c].Name && plan.Variant == variants[v]).ToExactWork();
                    int baseline = v * protocols.Count, candidate = baseline + p;
                    var result = ClaimRule.Compare(work, Rounds(samples[candidate, c]), work, Rounds(samples[baseline, c]), Thresholds, alpha);
                    comparisons.Add(new StatementComparison(
                        protocols[p].Name, cases[c].Name, variants[v], result, preparesPerExecution[candidate, c], samples[candidate, c].TimedOut || samples[baseline, c].TimedOut)
                    {
                        CandidateTimedOut = samples[candidate, c].TimedOut,
                    });
                }
            }
        }

        return comparisons;
    }

    /// <summary>Adopt a protocol only where it wins somewhere, loses nowhere and never ran past the command timeout (where it may lose by any amount); keep the baseline on no difference; say so when the rounds could not tell or a query ran past the command timeout.</summary>
    internal static StatementVerdict Decide(IReadOnlyList<StatementComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var faster = comparisons.Count(c => c.Faster);
        var slower = comparisons.Count(c => c.Slower);
        return (faster, slower) switch
        {
            (0, 0) when comparisons.Any(c => c.TimedOut || c.Result.Kind == DifferenceKind.CannotTell) => StatementVerdict.CannotTell,
            (0, 0) => StatementVerdict.NoDifference,
            (> 0, 0) when comparisons.Any(c => c.CandidateTimedOut) => StatementVerdict.CannotTell,
            (> 0, 0) => StatementVerdict.Adopt,
            (0, > 0) => StatementVerdict.KeepBaseline,
            _ => StatementVerdict.Mixed,
        };
    }

    /// <summary>Server prepares per execution on each arm and query, counted around a few more executions after the rounds.</summary>
    private static async Task<double[,]> CountPreparesAsync(List<MeasurementArm> arms, IReadOnlyList<QueryCase> cases, GlobalStatus counters, CancellationToken cancellationToken)
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
