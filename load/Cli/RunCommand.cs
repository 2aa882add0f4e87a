using Perf.Harness.Provisioning;
using Perf.Load.Reports;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>run</c>: one load test against the target, reports written, exit code from the verdict.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandArguments args, IAnsiConsole console, ProvisioningOptions provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var settings = RunSettingsParser.Parse(args, requireLoad: true, provisioning);
        args.RejectUnknown();
        return await ExecuteAsync(settings, console, cancellationToken).ConfigureAwait(false);
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
            var directory = settings.OutputDirectory ?? RunSession.DefaultDirectory(settings.Label ?? string.Join('+', settings.Scenarios.Select(s => s.Name)));
            directory = await ReportWriter.WriteAsync(report, manifest, directory, settings.Html, cancellationToken).ConfigureAwait(false);
            ResultPrinter.Print(console, summary, directory);
            return summary.ExitCode;
        }
    }
}
