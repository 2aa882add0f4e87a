using System.CommandLine;
using Perf.Harness.Results;
using Perf.Load.Reports;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>run</c>: one load test against the target, reports written, exit code from the verdict.</summary>
internal static class RunCommand
{
    /// <summary>The <c>run</c> command.</summary>
    public static Command Create(RunOptions options, LoadContext context)
    {
        var command = new Command("run", "One load test against the target: reports written, exit code from the verdict.");
        options.AddTo(command, load: true);
        command.SetAction((parse, cancellationToken) =>
            ExecuteAsync(options.Read(parse, requireLoad: true, context.ProvisioningFor(parse), context.Arguments), context.Console, cancellationToken));
        return command;
    }

    /// <summary>Runs parsed settings: resolve the target, run, write the reports, print PASS/FAIL per threshold.</summary>
    public static async Task<int> ExecuteAsync(RunSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var target = await TargetResolver.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            console.MarkupLine(Markup.Escape($"load: {settings.Profile.Describe()} against {target.Description}"));
            var progress = settings.Quiet ? null : new ConsoleProgress(console);
            var (summary, report, manifest) = await RunSession.ExecuteAsync(settings, target, progress, cancellationToken).ConfigureAwait(false);
            var writer = await ResultWriter.CreateAsync(manifest, settings.OutputDirectory, settings.Label ?? string.Join('+', settings.Scenarios.Select(s => s.Name)), cancellationToken).ConfigureAwait(false);
            var directory = await ReportWriter.WriteAsync(report, writer, settings.Html, cancellationToken).ConfigureAwait(false);
            ResultPrinter.Print(console, summary, directory);
            return summary.ExitCode;
        }
    }
}
