using Perf.Harness.Provisioning;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary>Dispatches commands and maps failures to exit codes: configuration errors print one line, never a stack trace.</summary>
internal static class LoadCli
{
    /// <param name="args">The command line, <c>--mysql</c>/<c>--redis</c> already taken out.</param>
    /// <param name="console">Where output goes.</param>
    /// <param name="provisioning">How to find the database server for the in-process API.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, ProvisioningOptions? provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        provisioning ??= new ProvisioningOptions();
        try
        {
            if (args.Length == 0 || args.Any(a => a is "--help" or "-h" or "help"))
            {
                console.WriteLine(Usage.Text);
                return args.Length == 0 ? ExitCodes.BadConfiguration : ExitCodes.Pass;
            }

            var parsed = CommandArguments.Parse(args, RunSettingsParser.Flags);
            return parsed.Command switch
            {
                "run" => await RunCommand.ExecuteAsync(parsed, console, provisioning, cancellationToken).ConfigureAwait(false),
                "check" => await CheckCommand.ExecuteAsync(parsed, console, provisioning, cancellationToken).ConfigureAwait(false),
                "capacity" => await CapacityCommand.ExecuteAsync(parsed, console, provisioning, cancellationToken).ConfigureAwait(false),
                "merge" => await MergeCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                "calibrate" => await CalibrateCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                "testserver" => await TestServerCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                _ => throw new ConfigurationException($"Unknown command '{parsed.Command}'. Commands: run, check, capacity, merge, calibrate, testserver; see --help."),
            };
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
    }
}
