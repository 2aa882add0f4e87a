using Perf.Load.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Logs and CI capture: don't wrap tables at 80 columns.
    AnsiConsole.Profile.Width = 180;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await LoadCli.RunAsync(args, AnsiConsole.Console, cancellation.Token);
