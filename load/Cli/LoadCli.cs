using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary>Dispatches commands and maps failures to exit codes: configuration errors print one line, never a stack trace.</summary>
internal static class LoadCli
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
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
                "run" => await RunCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                "capacity" => await CapacityCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                "merge" => await MergeCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                "calibrate" => await CalibrateCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                "testserver" => await TestServerCommand.ExecuteAsync(parsed, console, cancellationToken).ConfigureAwait(false),
                _ => throw new ConfigurationException($"Unknown command '{parsed.Command}'. Commands: run, capacity, merge, calibrate, testserver; see --help."),
            };
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
    }
}
