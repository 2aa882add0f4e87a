using Perf.Bench;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C cancels cleanly (the local server is stopped on the way out); a second one kills.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

if (args is ["report", .. var reportArgs]) return await Perf.Bench.Capacity.ReportCommand.RunAsync(reportArgs, cancellation.Token);
if (args is ["ci", .. var ciArgs]) return await Perf.Bench.CiGate.CiCommand.RunAsync(ciArgs, cancellation.Token);
if (args is ["ci-rates", .. var ratesArgs]) return await Perf.Bench.CiGate.ErrorRatesCommand.RunAsync(ratesArgs, cancellation.Token);
if (args is ["probe", .. var probeArgs]) return await Perf.Bench.CiGate.ProbeCommand.RunAsync(probeArgs, cancellation.Token);
return await BenchProgram.RunAsync(args, cancellation.Token);
