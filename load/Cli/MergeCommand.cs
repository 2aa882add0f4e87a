using System.CommandLine;
using Perf.Harness.Results;
using Perf.Load.Merge;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>merge</c>: adds several machines' runs and evaluates the thresholds on the sum.</summary>
internal static class MergeCommand
{
    /// <summary>The <c>merge</c> command.</summary>
    public static Command Create(LoadContext context)
    {
        Argument<string[]> runs = new("runs") { Description = "run directories (each with latency.hlog and summary.json)", Arity = ArgumentArity.OneOrMore };
        var thresholds = RunOptions.CreateThreshold();
        Option<bool> noHtml = new("--no-html") { Description = "no report.html" };
        var command = new Command("merge", "Adds several machines' runs and evaluates the thresholds on the sum.") { runs, thresholds, context.Harness.Results, noHtml };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            parse.GetRequiredValue(runs),
            [.. (parse.GetValue(thresholds) ?? []).Select(ThresholdParser.Parse)],
            parse.GetValue(context.Harness.Results),
            !parse.GetValue(noHtml),
            context,
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string[] runs, List<Threshold> extra, string? output, bool html, LoadContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var report = await RunMerger.MergeAsync(runs, extra, cancellationToken).ConfigureAwait(false);
        var sources = await RunMerger.ReadManifestsAsync(runs, cancellationToken).ConfigureAwait(false);
        var manifest = RunManifest.Create("load-merge", null, context.Arguments);
        manifest.Parameters["mergedFrom"] = string.Join(", ", runs);
        RunMerger.AddProvenance(manifest, sources);
        var directory = await ReportWriter.WriteAsync(report, await ResultWriter.CreateAsync(manifest, output, cancellationToken).ConfigureAwait(false), html, cancellationToken).ConfigureAwait(false);
        ResultPrinter.Print(console, report.Summary, directory);
        return report.Summary.ExitCode;
    }
}
