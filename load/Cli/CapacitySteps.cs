using System.CommandLine;
using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.Results;
using Perf.Load.Model;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Spectre.Console;
using Telemetry.CommandLine;

namespace Perf.Load.Cli;

/// <summary>The steps of a rate search (<c>capacity</c>, <c>overhead</c>), as read from the command line.</summary>
/// <param name="StartRate">The first step's rate, requests/s.</param>
/// <param name="Step">The rate added per step.</param>
/// <param name="MaxRate">The last step's rate at most.</param>
/// <param name="StepDuration">Each step's measured duration.</param>
/// <param name="Warmup">Each step's warm-up.</param>
/// <param name="Poisson">Exponential inter-arrival times.</param>
internal sealed record CapacitySteps(double StartRate, double Step, double MaxRate, TimeSpan StepDuration, TimeSpan Warmup, bool Poisson)
{
    /// <summary>The steps' rates, from the start up to the maximum.</summary>
    public IEnumerable<double> Rates()
    {
        for (var rate = StartRate; rate <= MaxRate + 1e-9; rate += Step)
        {
            yield return rate;
        }
    }

    /// <summary>Fails unless the steps make a search: positive rates, a maximum at or above the start, a step that lasts.</summary>
    /// <param name="names">The options as the command spells them (load capacity's <c>--start-rate</c>, bench report's <c>--capacity-start</c>…).</param>
    /// <exception cref="UsageException">They do not.</exception>
    public CapacitySteps Validate((string Start, string Step, string Max, string Duration) names)
    {
        RunOptions.PositiveRate(StartRate, names.Start);
        RunOptions.PositiveRate(Step, names.Step);
        RunOptions.PositiveRate(MaxRate, names.Max);
        if (!(MaxRate >= StartRate))
        {
            throw new UsageException($"{names.Max} must be at least {names.Start}.");
        }

        return StepDuration > TimeSpan.Zero ? this : throw new UsageException($"{names.Duration} must be greater than zero.");
    }

    /// <summary>
    /// Runs the step at <paramref name="rate"/> through <paramref name="run"/>, sized by <see cref="DurationAt"/> on the
    /// shares of traffic <paramref name="previous"/> (the last step) showed; when it was not settled only because a threshold on
    /// part of the traffic got too few requests to be judged, runs it once more, sized by the shares it showed itself.
    /// </summary>
    /// <param name="say">Told why a step runs again.</param>
    public async Task<(RunSummary Summary, ReportInput Report, RunManifest Manifest)> RunStepAsync(
        double rate,
        IReadOnlyList<Threshold> thresholds,
        RunSummary? previous,
        Func<LoadProfile, Task<(RunSummary Summary, ReportInput Report, RunManifest Manifest)>> run,
        Action<string> say)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(say);
        var duration = DurationAt(rate, thresholds, previous);
        var step = await run(LoadProfile.ConstantRate(rate, duration, Warmup, Poisson)).ConfigureAwait(false);
        if (ShortOfRequests(step.Summary, thresholds) is { } shortfall && DurationAt(rate, thresholds, step.Summary) is var longer && longer > duration)
        {
            say(string.Create(CultureInfo.InvariantCulture, $"rate {rate:0.##}/s: {shortfall}; measuring it again for {longer.TotalSeconds:0} s"));
            step = await run(LoadProfile.ConstantRate(rate, longer, Warmup, Poisson)).ConfigureAwait(false);
        }

        return step;
    }

    /// <summary>
    /// The step's measured duration at <paramref name="rate"/>: <see cref="StepDuration"/>, or longer when that would send
    /// fewer requests than the thresholds need to be judged, in the group each one judges.
    /// </summary>
    /// <param name="rate">The step's rate.</param>
    /// <param name="thresholds">The thresholds every step is judged by.</param>
    /// <param name="shares">A step whose requests show each threshold's share of the traffic (<c>trades:p(99)&lt;…</c> judges
    /// about 35 % of the dashboard's requests); null takes every threshold to see all of them.</param>
    /// <remarks>
    /// A percentile threshold holds only when its interval is under the limit. A p99 has no interval below 368 requests
    /// (at 10/s a 20 s step could never pass it), and below 555 its upper end is the slowest request, so one stray
    /// request would fail the step (<see cref="OrderStatistics.SamplesForInnerInterval"/>: 5 s steps at 64 MiB stopped
    /// at 100/s on a p99 of 122 ms; git history at 03d626c, results/2026-12-05-memory-knee). A failure-rate limit is judged by
    /// its interval too: <c>http_req_failed&lt;0.001</c> needs 3,688 requests. Poisson arrivals, and a group that gets a
    /// random share of them, vary, so they get three standard deviations more.
    /// </remarks>
    public TimeSpan DurationAt(double rate, IEnumerable<Threshold> thresholds, RunSummary? shares = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var requests = thresholds.Select((threshold, i) => RequestsFor(RequestsToJudge(threshold), Share(shares, i))).DefaultIfEmpty(0).Max();
        var seconds = Math.Ceiling(requests / rate);
        return seconds > StepDuration.TotalSeconds ? TimeSpan.FromSeconds(seconds) : StepDuration;
    }

    /// <summary>The step's requests in all, for a group with <paramref name="share"/> of them to get <paramref name="needed"/>.</summary>
    private double RequestsFor(long needed, double share) =>
        needed == 0 ? 0 : (needed + 1 + (Poisson || share < 1 ? 3 * Math.Sqrt(needed) : 0)) / share;

    /// <summary>The share of <paramref name="step"/>'s requests in the group of its <paramref name="index"/>th threshold; 1 without a step, or when the group got none (no length would give it any).</summary>
    private static double Share(RunSummary? step, int index) =>
        step is { Total.Count: > 0 } && index < step.Thresholds.Count && step.Thresholds[index].Requests is > 0 and var requests
            ? Math.Min(1, (double)requests / step.Total.Count)
            : 1;

    /// <summary>
    /// Why <paramref name="step"/> was NOT SETTLED for want of requests alone (every threshold that did not hold got some, fewer
    /// than it needs to be judged, and the generator kept its schedule), naming them; null when it passed, failed, or did not
    /// settle for anything else.
    /// </summary>
    private static string? ShortOfRequests(RunSummary step, IReadOnlyList<Threshold> thresholds)
    {
        if (step.Verdict != Verdict.NotSettled || step.Thresholds.Count != thresholds.Count)
        {
            return null;
        }

        var failed = step.Thresholds.Select((result, i) => (Result: result, Needed: RequestsToJudge(thresholds[i]))).Where(t => !t.Result.Passed).ToList();
        return failed.Count > 0 && failed.All(t => t.Result.Requests > 0 && t.Result.Requests < t.Needed)
            ? string.Join("; ", failed.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Result.Expression} had {t.Result.Requests} of the {t.Needed} requests it needs")))
            : null;
    }

    /// <summary>The requests a step needs for <paramref name="threshold"/> to be judged: a percentile's interval off the slowest request, the others' <see cref="Threshold.RequestsNeeded"/>.</summary>
    private static long RequestsToJudge(Threshold threshold) =>
        threshold.Metric == ThresholdMetric.Percentile ? OrderStatistics.SamplesForInnerInterval(threshold.Percentile) : threshold.RequestsNeeded;

    /// <summary>A command that searches rates: the run's options without a load shape, the step options, and an action given the settings and steps.</summary>
    public static Command CreateCommand(string name, string description, RunOptions options, LoadContext context, Func<RunSettings, CapacitySteps, IAnsiConsole, CancellationToken, Task<int>> execute)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(execute);
        var steps = new Options(options);
        var command = new Command(name, description);
        options.AddTo(command, load: false);
        steps.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = options.Read(parse, requireLoad: false, context.ProvisioningFor(parse), context.Arguments);
            if (settings.Thresholds.Count == 0)
            {
                // Every step would pass, however many requests failed: the search would report --max-rate as the capacity.
                throw new UsageException($"{name} searches for the highest rate that meets the thresholds, and there are none: give --threshold, or leave out --no-default-thresholds.");
            }

            return execute(settings, steps.Read(parse), context.Console, cancellationToken);
        });
        return command;
    }

    /// <summary>The options that set the steps, shared by every command that searches rates.</summary>
    internal sealed class Options(RunOptions run)
    {
        private readonly Option<double> _start = new("--start-rate") { Description = "first step's rate, requests/s", DefaultValueFactory = _ => 10, HelpName = "N" };
        private readonly Option<double> _step = new("--step") { Description = "rate added per step", DefaultValueFactory = _ => 10, HelpName = "N" };
        private readonly Option<double> _max = new("--max-rate") { Description = "last step's rate at most", DefaultValueFactory = _ => 1000, HelpName = "N" };
        private readonly Option<Duration> _stepDuration = Duration.Option("--step-duration", TimeSpan.FromSeconds(20), "measured duration of each step (longer where a step would send too few requests to judge its percentile thresholds)");

        /// <summary>Adds the step options, with the run's warm-up and Poisson arrivals.</summary>
        public void AddTo(Command command)
        {
            ArgumentNullException.ThrowIfNull(command);
            foreach (var option in new Option[] { _start, _step, _max, _stepDuration, run.Warmup, run.Poisson })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The parsed steps.</summary>
        /// <exception cref="UsageException">See <see cref="Validate"/>.</exception>
        public CapacitySteps Read(ParseResult parse)
        {
            ArgumentNullException.ThrowIfNull(parse);
            return new CapacitySteps(parse.GetValue(_start), parse.GetValue(_step), parse.GetValue(_max), parse.GetValue(_stepDuration).ToTimeSpan(), parse.GetValue(run.Warmup).ToTimeSpan(), parse.GetValue(run.Poisson))
                .Validate(("--start-rate", "--step", "--max-rate", "--step-duration"));
        }
    }
}
