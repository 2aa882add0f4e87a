using Perf.Load.Calibration;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>testserver</c>: runs the trivial (optionally stalling) server until Ctrl-C or SIGTERM, for trying the runner by hand.</summary>
internal static class TestServerCommand
{
    public static async Task<int> ExecuteAsync(CommandArguments args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var every = args.GetDuration("stall-every", TimeSpan.Zero);
        var stall = args.GetDuration("stall-for", TimeSpan.FromSeconds(1));
        args.RejectUnknown();
        var server = await LocalTestServer.StartAsync(every, stall, cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            console.MarkupLine(Markup.Escape($"listening on {server.BaseAddress} (Ctrl-C to stop)"));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop the server.
            }
        }

        return ExitCodes.Pass;
    }
}
