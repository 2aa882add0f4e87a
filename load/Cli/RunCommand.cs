using Perf.Load.Reports;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>run</c>: one load test against the target, reports written, exit code from the verdict.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandArguments args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var settings = RunSettingsParser.Parse(args, requireLoad: true);
        args.RejectUnknown();
        var target = await TargetResolver.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            console.MarkupLine(Markup.Escape($"load: {settings.Profile.Describe()} against {target.Description}"));
            var progress = settings.Quiet ? null : new ConsoleProgress(console);
            var (summary, report) = await RunSession.ExecuteAsync(settings, target, progress, cancellationToken).ConfigureAwait(false);
            var directory = settings.OutputDirectory ?? RunSession.DefaultDirectory(settings.Label ?? string.Join('+', settings.Scenarios.Select(s => s.Name)));
            await ReportWriter.WriteAsync(report, directory, settings.Html, cancellationToken).ConfigureAwait(false);
            ResultPrinter.Print(console, summary, directory);
            return summary.ExitCode;
        }
    }
}
