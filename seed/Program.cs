using Perf.Harness.Provisioning;
using Perf.Seed.Cli;

// Server flags first: the harness installs its exit handlers on this first call, so ours below runs before them.
ProvisioningOptions provisioning;
string[] rest;
try
{
    (provisioning, rest) = ProvisioningOptions.FromArgs(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"seed: {ex.Message}");
    return SeedProgram.UsageError;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops after rolling back the chunk in flight; a second one kills the process.
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupt.Cancel();
    }
};

return await SeedProgram.RunAsync(provisioning, rest, Console.Out, Console.Error, interrupt.Token);
