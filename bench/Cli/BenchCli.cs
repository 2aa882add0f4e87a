using System.CommandLine;
using Perf.Bench.CiGate;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Telemetry.CommandLine;
using Telemetry.Data;

namespace Perf.Bench.Cli;

/// <summary>The bench program's command line: one command tree on System.CommandLine, usage errors as one line and <see cref="ExitCodes.UsageError"/>.</summary>
/// <remarks>Tokens the suite does not know go to BenchmarkDotNet (<c>--filter</c>, <c>--job</c>, <c>--list</c>…), as they always have.</remarks>
public static class BenchCli
{
    /// <summary>Runs the command line; returns the exit code.</summary>
    /// <remarks>
    /// A server that cannot be had, or is lost under a command, and a file that cannot be written are one line and
    /// <see cref="ExitCodes.Failure"/>, never a stack trace (the commands with their own failure paths, <c>ci</c> and
    /// <c>report</c>, answer before this).
    /// </remarks>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) => RunAsync(args, Console.Out, Console.Error, cancellationToken);

    /// <inheritdoc cref="RunAsync(string[], CancellationToken)"/>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await CommandLineRunner.RunAsync(Create(args).Root, args, output, error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProvisioningException or IOException)
        {
            await error.WriteLineAsync($"bench: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ServerFailure.ConnectionLost(ex))
        {
            await error.WriteLineAsync($"bench: lost the connection to the server ({ex.GetBaseException().Message}).").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The options of the suite, <c>plans</c> or <c>gate</c> as <paramref name="args"/> give them (tests, and tools that compose bench).</summary>
    /// <exception cref="UsageException">The command line is wrong.</exception>
    internal static BenchOptions ParseOptions(IReadOnlyList<string> args)
    {
        var (root, suite) = Create(args);
        var parse = CommandLineRunner.Parse(root, args);
        return suite.Read(parse, parse.CommandResult.Command.Name switch
        {
            "plans" => BenchCommand.Plans,
            "gate" => BenchCommand.Gate,
            "bench" => BenchCommand.Suite,
            var other => throw new UsageException($"'{other}' does not take the suite's options."),
        });
    }

    /// <summary>The command tree: the suite (no command), plans, gate, report, ci, ci-rates, probe, archive, statements.</summary>
    internal static (Command Root, BenchCommandLine Suite) Create(IReadOnlyList<string> arguments)
    {
        var harness = new HarnessOptions();
        var suite = new BenchCommandLine(harness);
        var root = CommandLineRunner.CreateRoot("bench", "Query plans and BenchmarkDotNet timings of the API's queries on the three schema variants; the plan gate, the CI gate and the capacity report.");
        harness.AddServerOptions(root);
        suite.AddSuiteOptions(root);
        root.TreatUnmatchedTokensAsErrors = false; // the suite alone: its sub-commands keep the default, and CommandLineRunner honours it
        root.SetAction((parse, ct) => BenchProgram.RunAsync(suite.Read(parse, BenchCommand.Suite), arguments, ct));

        var plans = new Command("plans", "Seed if needed and capture every query's plan on the three variants (no timings).");
        suite.AddSuiteOptions(plans, benchmarks: false);
        plans.SetAction((parse, ct) => BenchProgram.RunAsync(suite.Read(parse, BenchCommand.Plans), arguments, ct));
        root.Subcommands.Add(plans);

        var gate = new Command("gate", "The plan gate: capture plans on the gate dataset and compare them with bench/plan-baseline.json.");
        suite.AddGateOptions(gate);
        gate.SetAction((parse, ct) => BenchProgram.RunAsync(suite.Read(parse, BenchCommand.Gate), arguments, ct));
        root.Subcommands.Add(gate);

        var ci = new CiCommandLine(harness);
        root.Subcommands.Add(ci.CreateCi(arguments));
        root.Subcommands.Add(ci.CreateRates(arguments));
        root.Subcommands.Add(ProbeCommand.Create(harness));
        root.Subcommands.Add(Capacity.ReportCommand.Create(harness, arguments));
        root.Subcommands.Add(Archive.ArchiveCommand.Create(harness, arguments));
        root.Subcommands.Add(Statements.StatementsCommand.Create(suite, arguments));

        return (root, suite);
    }
}
