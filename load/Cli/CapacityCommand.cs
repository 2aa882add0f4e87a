using System.CommandLine;
using System.Globalization;
using System.Text;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Load.Capacity;
using Perf.Load.Model;
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
        Option<double> start = new("--start-rate") { Description = "first step's rate, requests/s", DefaultValueFactory = _ => 10, HelpName = "N" };
        Option<double> step = new("--step") { Description = "rate added per step", DefaultValueFactory = _ => 10, HelpName = "N" };
        Option<double> max = new("--max-rate") { Description = "last step's rate at most", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var stepDuration = Duration.Option("--step-duration", TimeSpan.FromSeconds(20), "measured duration of each step");
        var command = new Command("capacity", "Raises the open-model rate step by step until a step fails or is invalid; reports the highest passing rate.");
        options.AddTo(command, load: false);
        foreach (var option in new Option[] { start, step, max, stepDuration, options.Warmup, options.Poisson })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            options.Read(parse, requireLoad: false, context.ProvisioningFor(parse), context.Arguments),
            new CapacitySteps(parse.GetValue(start), parse.GetValue(step), parse.GetValue(max), parse.GetValue(stepDuration), parse.GetValue(options.Warmup), parse.GetValue(options.Poisson)),
            context.Console,
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(RunSettings settings, CapacitySteps search, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var (start, step, max, stepDuration, warmup, poisson) = search;
        RunOptions.PositiveRate(start, "--start-rate");
        RunOptions.PositiveRate(step, "--step");
        if (max < start)
        {
            throw new UsageException("--max-rate must be at least --start-rate.");
        }

        if (stepDuration <= TimeSpan.Zero)
        {
            throw new UsageException("--step-duration must be greater than zero.");
        }

        var directory = settings.OutputDirectory ?? RunSession.DefaultDirectory("capacity-" + (settings.Label ?? settings.Scenarios[0].Name));
        var target = await TargetResolver.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            var manifest = RunManifest.Create("load-capacity", target.Server, settings.Arguments ?? []);
            manifest.Redis = target.Redis?.ToString();
            var steps = new List<CapacityStep>();
            double? maxPassing = null;
            double? firstFailing = null;
            RunSummary? last = null;
            for (var rate = start; rate <= max + 1e-9; rate += step)
            {
                var profile = LoadProfile.ConstantRate(rate, stepDuration, warmup, poisson);
                var (summary, report, stepManifest) = await RunSession.ExecuteAsync(settings.WithProfile(profile), target, null, cancellationToken).ConfigureAwait(false);
                last = summary;
                var stepResult = CapacityStep.From(rate, summary);
                steps.Add(stepResult);
                await ReportWriter.WriteAsync(report, stepManifest, Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"rate-{rate:0.##}")), html: false, cancellationToken).ConfigureAwait(false);
                console.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"rate {rate,8:0.##}/s  {Color(summary.Verdict)}  achieved {stepResult.AchievedRate:0.##}/s  p95 {stepResult.P95Ms:0.###} ms  p99 {stepResult.P99Ms:0.###} ms  errors {stepResult.FailedRate:P3}  dispatch-lag p99 {stepResult.DispatchLagP99Ms:0.###} ms"));
                if (summary.Verdict != Verdict.Pass)
                {
                    firstFailing = rate;
                    break;
                }

                maxPassing = rate;
            }

            var result = new CapacityResult(maxPassing, firstFailing, last!.Configuration, steps);
            var document = CapacityReport.Build(result);
            var writer = await ResultWriter.CreateAsync(manifest, directory, cancellationToken).ConfigureAwait(false);
            await writer.WriteJsonAsync("capacity", result, cancellationToken).ConfigureAwait(false);
            await writer.WriteReportAsync("capacity", document, html: false, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
            {
                await File.AppendAllTextAsync(stepSummary, MarkdownRenderer.Render(document) + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }

            console.MarkupLine(maxPassing is { } found
                ? string.Create(CultureInfo.InvariantCulture, $"[bold green]capacity: {(result.ReachedMaxRate ? "at least " : string.Empty)}{found:0.##} requests/s[/] meet every threshold with a valid generator{(result.ReachedMaxRate ? " (no step failed up to --max-rate)" : string.Empty)}")
                : "[bold red]capacity: no step met the thresholds[/]");
            console.MarkupLine("results: " + Markup.Escape(directory));
            if (maxPassing is not null)
            {
                return ExitCodes.Success;
            }

            return steps[0].Verdict == Verdict.Invalid ? ExitCodes.InvalidRun : ExitCodes.ThresholdsFailed;
        }
    }

    private static string Color(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "[green]PASS[/]   ",
        Verdict.Fail => "[red]FAIL[/]   ",
        _ => "[yellow]INVALID[/]",
    };
}
