using Perf.Harness.Results;
using Perf.Load.Merge;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>merge</c>: adds several machines' runs and evaluates the thresholds on the sum.</summary>
internal static class MergeCommand
{
    public static async Task<int> ExecuteAsync(CommandArguments args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var extra = args.GetAll("threshold", splitCommas: false).Select(ThresholdParser.Parse).ToList();
        var output = args.Get("out");
        var html = !args.Has("no-html");
        args.RejectUnknown();
        var report = await RunMerger.MergeAsync(args.Positionals, extra, cancellationToken).ConfigureAwait(false);
        var directory = output ?? RunSession.DefaultDirectory("merged");
        var manifest = RunManifest.Create("load-merge", null, args.Arguments);
        manifest.Parameters["mergedFrom"] = string.Join(", ", args.Positionals);
        directory = await ReportWriter.WriteAsync(report, manifest, directory, html, cancellationToken).ConfigureAwait(false);
        ResultPrinter.Print(console, report.Summary, directory);
        return report.Summary.ExitCode;
    }
}
