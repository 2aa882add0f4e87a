using Perf.Harness.Provisioning;
using Perf.Seed.Cli;

// The harness's exit handlers first, so ours below runs before them.
ExitCleanup.EnsureHooked();
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

return await SeedProgram.RunAsync(args, Console.Out, Console.Error, interrupt.Token);
