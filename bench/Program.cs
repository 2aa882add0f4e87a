using Perf.Harness.Provisioning;

// The harness's Ctrl+C handler goes first, so it stops the servers it started after ours has cancelled the run.
ExitCleanup.EnsureHooked();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C cancels cleanly (the local server is stopped on the way out); a second one kills.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await Perf.Bench.Cli.BenchCli.RunAsync(args, cancellation.Token);
