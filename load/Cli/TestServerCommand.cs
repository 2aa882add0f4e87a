using System.CommandLine;
using Perf.Load.Calibration;
using Spectre.Console;
using Telemetry.CommandLine;

namespace Perf.Load.Cli;

/// <summary><c>testserver</c>: runs the trivial (optionally stalling) server until Ctrl-C or SIGTERM, for trying the runner by hand.</summary>
internal static class TestServerCommand
{
    /// <summary>The <c>testserver</c> command.</summary>
    public static Command Create(LoadContext context)
    {
        var every = Duration.Option("--stall-every", TimeSpan.Zero, "stall the server this often (0: never)");
        var stall = Duration.Option("--stall-for", TimeSpan.FromSeconds(1), "how long each stall lasts");
        var command = new Command("testserver", "Runs the trivial (optionally stalling) server until Ctrl-C or SIGTERM, for trying the runner by hand.") { every, stall };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(every), parse.GetValue(stall), context.Console, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(TimeSpan every, TimeSpan stall, IAnsiConsole console, CancellationToken cancellationToken)
    {
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

        return ExitCodes.Success;
    }
}
