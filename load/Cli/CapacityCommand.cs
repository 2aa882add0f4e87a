using System.CommandLine;
using System.Globalization;
using System.Text;
using Perf.Analysis.Capacity;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Load.Capacity;
using Perf.Load.Reports;
using Spectre.Console;
using Telemetry.CommandLine;

namespace Perf.Load.Cli;

/// <summary><c>capacity</c>: raises the open-model rate step by step until a step fails or is invalid; reports the highest passing rate.</summary>
internal static class CapacityCommand
{
    /// <summary>The <c>capacity</c> command.</summary>
    public static Command Create(RunOptions options, LoadContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var command = CapacitySteps.CreateCommand(
            "capacity", "Raises the open-model rate step by step until a step fails or is invalid; reports the highest passing rate.", options, context, ExecuteAsync);
        options.AddCacheTo(command);
        return command;
    }

    private static async Task<int> ExecuteAsync(RunSettings settings, CapacitySteps search, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.InProcess?.CacheState == CacheState.Cold)
        {
            throw new UsageException("--cache-state cold: a capacity search's steps warm the buffer pool, so only its first step would be cold; search warm, or constrained with --buffer-pool.");
        }

        var target = await TargetResolver.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            var manifest = RunManifest.Create("load-capacity", target.Server, settings.Arguments ?? []);
            manifest.Redis = target.Redis?.ToString();
            manifest.Dataset = target.Seeded;
            // Created with the first step's results, so a run stopped by bad input (a threshold on no endpoint) leaves no folder.
            ResultWriter? writer = null;
            var steps = new List<CapacityStep>();
            double? maxPassing = null;
            double? firstFailing = null;
            RunSummary? last = null;
            foreach (var rate in search.Rates())
            {
                var (summary, report, stepManifest) = await search.RunStepAsync(
                    rate,
                    settings.Thresholds,
                    last,
                    profile => RunSession.ExecuteAsync(settings.WithProfile(profile), target, null, cancellationToken),
                    line => console.MarkupLine(Markup.Escape(line))).ConfigureAwait(false);
                last = summary;
                var stepResult = CapacityStep.From(rate, summary);
                steps.Add(stepResult);
                writer ??= await ResultWriter.CreateAsync(manifest, settings.OutputDirectory, settings.Label ?? settings.Scenarios[0].Name, cancellationToken).ConfigureAwait(false);
                await ReportWriter.WriteAsync(report, stepManifest, Path.Combine(writer.Directory, string.Create(CultureInfo.InvariantCulture, $"rate-{rate:0.##}")), html: false, cancellationToken).ConfigureAwait(false);
                console.MarkupLine(StepLine(stepResult));
                if (summary.Verdict != Verdict.Pass)
                {
                    firstFailing = rate;
                    break;
                }

                maxPassing = rate;
            }

            // The report's provenance is written now, so the search has ended.
            manifest.EndedUtc = DateTime.UtcNow;
            var result = new CapacityResult(maxPassing, firstFailing, last!.Configuration, steps) { Cache = last.Cache is { } cache ? cache with { Pages = null } : null };
            var document = CapacityReport.Build(result);
            await writer!.WriteJsonAsync("capacity", result, cancellationToken).ConfigureAwait(false);
            await writer.WriteReportAsync("capacity", document, html: false, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
            {
                await File.AppendAllTextAsync(stepSummary, MarkdownRenderer.Render(document) + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }

            var why = result.ReachedMaxRate ? " (no step failed up to --max-rate)"
                : result.StoppedInvalid ? " (the search stopped on an INVALID step, which bounds nothing)"
                : result.StoppedNotSettled ? " (the search stopped on a NOT SETTLED step, which bounds nothing)"
                : string.Empty;
            console.MarkupLine(maxPassing is { } found
                ? string.Create(CultureInfo.InvariantCulture, $"[bold green]capacity: {(why.Length > 0 ? "at least " : string.Empty)}{found:0.##} requests/s[/] meet every threshold with a valid generator{why}")
                : "[bold red]capacity: no step met the thresholds[/]");
            console.MarkupLine("results: " + Markup.Escape(writer.Directory));
            if (maxPassing is not null)
            {
                return ExitCodes.Success;
            }

            return steps[0].Verdict is Verdict.Invalid or Verdict.NotSettled ? ExitCodes.InvalidRun : ExitCodes.ThresholdsFailed;
        }
    }

    /// <summary>A step as the console shows it: rate, verdict, achieved rate, p95, p99, errors, dispatch lag and, when counted, the buffer pool's hit ratio.</summary>
    internal static string StepLine(CapacityStep step) => string.Create(
        CultureInfo.InvariantCulture,
        $"rate {step.Rate,8:0.##}/s  {Color(step.Verdict)}  achieved {step.AchievedRate:0.##}/s  p95 {Latency(step.P95Ms, step.Samples, 95)}  p99 {Latency(step.P99Ms, step.Samples, 99)}  errors {step.FailedRate:P3}  dispatch-lag p99 {step.DispatchLagP99Ms:0.###} ms{Pages(step.Pages)}");

    private static string Pages(PageCounts? pages) => pages is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"  hit ratio {p.HitRatio:0.00%}, {p.PhysicalPerExecution:0.##} disk reads/request")
        : string.Empty;

    // As the tables: a percentile the step's requests cannot bound says what it needs instead of printing the maximum.
    private static string Latency(double ms, long samples, double percentile) =>
        samples >= OrderStatistics.SamplesNeeded(percentile)
            ? string.Create(CultureInfo.InvariantCulture, $"{ms:0.###} ms")
            : LatencySummary.Cell(ms, samples, percentile, "0.###");

    private static string Color(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "[green]PASS[/]       ",
        Verdict.Fail => "[red]FAIL[/]       ",
        Verdict.NotSettled => "[yellow]NOT SETTLED[/]",
        _ => "[yellow]INVALID[/]    ",
    };
}
