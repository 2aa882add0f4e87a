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

ProvisioningOptions provisioning;
try
{
    // First thing: takes --mysql/--redis/--mysql-datadir and installs the harness's Ctrl+C handler before ours.
    (provisioning, args) = ProvisioningOptions.FromArgs(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return ExitCodes.BadConfiguration;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await LoadCli.RunAsync(args, AnsiConsole.Console, provisioning, cancellation.Token);
