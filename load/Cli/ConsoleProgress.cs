using System.Globalization;
using Perf.Load.Execution;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary>Prints one progress line per second: rate, in-flight, p95/p99 so far and errors.</summary>
internal sealed class ConsoleProgress : ILoadProgress
{
    private readonly IAnsiConsole _console;

    public ConsoleProgress(IAnsiConsole console) => _console = console;

    public void Report(ProgressTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var errorRate = tick.Count == 0 ? 0 : (double)tick.Errors / tick.Count;
        var errors = tick.Errors == 0 ? "[green]0[/]" : string.Create(CultureInfo.InvariantCulture, $"[red]{tick.Errors} ({errorRate:P2})[/]");
        _console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[grey]{tick.Elapsed.TotalSeconds,5:0}s[/] {tick.IntervalRate,7:0.0}/s  in-flight {tick.InFlight,4}  p95 {tick.P95Ms,8:0.##} ms  p99 {tick.P99Ms,8:0.##} ms  errors {errors}"));
    }
}
