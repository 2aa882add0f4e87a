using Perf.Analysis.Gates;
using Perf.Bench.Gate;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Telemetry.CommandLine;

namespace Perf.Bench.CiGate;

/// <summary>The CI perf gate as code: plans, load thresholds and same-run timings against one server, every step failing closed.</summary>
public static class CiGate
{
    /// <summary>Runs the suites <paramref name="options"/> asks for and writes <c>gate.md</c>, <c>gate.json</c> and <c>junit.xml</c>.</summary>
    /// <exception cref="ProvisioningException">No server could be found or started.</exception>
    /// <exception cref="UsageException">The server's query cache is on (<see cref="ProvisionedServer.QueryCacheProblem"/>), or the plan baseline is missing or not one.</exception>
    public static Task<CiRun> RunAsync(CiOptions options, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync(options, arguments, GateFault.None, cancellationToken);

    /// <summary>Runs the gate with a self-test fault injected (the tests that prove the gate pass it directly; the CLI reads <c>PERF_GATE_FAULT</c>).</summary>
    internal static async Task<CiRun> RunAsync(CiOptions options, IReadOnlyList<string> arguments, GateFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = RepositoryPaths.FindRoot();

        // Read before the server is provisioned and the gate dataset seeded: a bad baseline costs nothing and leaves no results folder.
        var planBaseline = options.Suites.Contains(CiOptions.PlansSuite) ? await PlanStep.ReadBaselineAsync(root, options, cancellationToken).ConfigureAwait(false) : null;
        await using var server = await ProvisionAsync(options, cancellationToken).ConfigureAwait(false);
        return await RunOnAsync(server, root, planBaseline, options, arguments, fault, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Provisions the gate's server (<see cref="CiOptions.Provisioning"/>), refusing one whose query cache is on.</summary>
    /// <exception cref="ProvisioningException">No server could be found or started.</exception>
    /// <exception cref="UsageException">The server's query cache is on (<see cref="ProvisionedServer.QueryCacheProblem"/>).</exception>
    internal static async Task<ProvisionedServer> ProvisionAsync(CiOptions options, CancellationToken cancellationToken)
    {
        var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
        if (server.QueryCacheProblem("the gate's load check and timings") is { } queryCache)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new UsageException(queryCache);
        }

        return server;
    }

    /// <summary>Runs the gate on <paramref name="server"/>, which the caller owns (<c>ci-rates</c> runs every gate on one, which its own manifest names).</summary>
    /// <param name="planBaseline">The plan baseline (<see cref="PlanStep.ReadBaselineAsync"/>); null when <paramref name="options"/> run no plans.</param>
    internal static async Task<CiRun> RunOnAsync(ProvisionedServer server, string root, PlanBaseline? planBaseline, CiOptions options, IReadOnlyList<string> arguments, GateFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fault);
        var manifest = RunManifest.Create("ci", server, arguments, root);
        var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
        var checks = new List<GateCheck>();
        IReadOnlyList<TimingComparison> timings = [];
        if (fault.Any)
        {
            manifest.Parameters["self-test fault"] = fault.ToString();
            checks.Add(new GateCheck(GateReport.EnvironmentSuite, "self-test fault injected", GateOutcome.Passed, $"{fault}: this run proves the gate, it judges no change"));
        }

        checks.AddRange(await StepAsync(CiOptions.PlansSuite, () => PlanStep.RunAsync(root, server, options, planBaseline!, fault, writer, cancellationToken)).ConfigureAwait(false));
        checks.AddRange(await StepAsync(CiOptions.LoadSuite, () => LoadStep.RunAsync(root, server, options, writer.Directory, cancellationToken)).ConfigureAwait(false));
        checks.AddRange(await StepAsync(TimingGate.Suite, async () =>
        {
            var (timingChecks, comparisons) = await new TimingStep(server, options, fault, writer, root).RunAsync(cancellationToken).ConfigureAwait(false);
            timings = comparisons;
            return timingChecks;
        }).ConfigureAwait(false));

        var report = new GateReport(checks, timings);
        await GateOutput.WriteAsync(writer, report, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new CiRun(report, writer.Directory);

        async Task<IReadOnlyList<GateCheck>> StepAsync(string suite, Func<Task<IReadOnlyList<GateCheck>>> step)
        {
            if (!options.Suites.Contains(suite))
            {
                return [new GateCheck(suite, suite, GateOutcome.Skipped, "not run (--only)")];
            }

            try
            {
                return await step().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Fail closed: whatever stopped a step, the gate reports it as an error with its reason, never as a pass.
                var reason = ex is GateStepException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                Console.Error.WriteLine($"ci: {suite}: {reason}");
                return [new GateCheck(suite, suite + " step", GateOutcome.Error, reason)];
            }
        }
    }
}
