using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Perf.Load.Execution;
using Spectre.Console;

// Before any socket exists: the runtime reads this switch once.
InlineSocketCompletions.EnableFor(args);

if (Console.IsOutputRedirected)
{
    // Logs and CI capture: don't wrap tables at 80 columns.
    AnsiConsole.Profile.Width = 180;
}

// The harness's Ctrl+C handler goes first, so it stops the servers it started after ours has cancelled the run.
ExitCleanup.EnsureHooked();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await LoadCli.RunAsync(args, AnsiConsole.Console, null, cancellation.Token);
