using System.CommandLine;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Spectre.Console;
using Telemetry.CommandLine;

namespace Perf.Load.Cli;

/// <summary>The load runner's command line: one command tree on System.CommandLine, usage errors as one line and <see cref="ExitCodes.UsageError"/>.</summary>
internal static class LoadCli
{
    /// <param name="args">The command line, server flags included.</param>
    /// <param name="console">Where output (help included) goes; errors go to standard error.</param>
    /// <param name="provisioning">How to find the database server when no <c>--mysql</c> is given; null for the defaults.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <remarks>A results folder that cannot be written is one line and <see cref="ExitCodes.Failure"/>, never a stack trace.</remarks>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, ProvisioningOptions? provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = Create(new LoadContext(console, provisioning ?? new ProvisioningOptions(), args, new HarnessOptions()));
        try
        {
            return await CommandLineRunner.RunAsync(root, args, console.Profile.Out.Writer, Console.Error, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"load: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The command tree: run, check, capacity, merge, calibrate, testserver.</summary>
    public static Command Create(LoadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = CommandLineRunner.CreateRoot("load", "Open-model HTTP load runner for the telemetry API (latency measured from the intended send time).");
        context.Harness.AddServerOptions(root);
        var options = new RunOptions(context.Harness);
        root.Subcommands.Add(RunCommand.Create(options, context));
        root.Subcommands.Add(CheckCommand.Create(options, context));
        root.Subcommands.Add(CapacityCommand.Create(options, context));
        root.Subcommands.Add(Overhead.OverheadCommand.Create(options, context));
        root.Subcommands.Add(MergeCommand.Create(context));
        root.Subcommands.Add(CalibrateCommand.Create(context));
        root.Subcommands.Add(TestServerCommand.Create(context));
        return root;
    }
}
