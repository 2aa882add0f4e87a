namespace Perf.Load.Cli;

/// <summary><c>calibrate</c>: compares the runner with wrk on a trivial endpoint it hosts itself.</summary>
internal static class CalibrateCommand
{
    public static Task<int> ExecuteAsync(CommandArguments args, Spectre.Console.IAnsiConsole console, CancellationToken cancellationToken) =>
        throw new ConfigurationException("calibrate: not implemented yet.");
}
