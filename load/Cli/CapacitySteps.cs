using System.CommandLine;
using Perf.Analysis.Capacity;
using Perf.Load.Model;
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

    /// <summary>The open-model load of the step at <paramref name="rate"/>, lasting <see cref="DurationAt"/>.</summary>
    public LoadProfile ProfileAt(double rate, IEnumerable<Threshold> thresholds) => LoadProfile.ConstantRate(rate, DurationAt(rate, thresholds), Warmup, Poisson);

    /// <summary>The step's measured duration at <paramref name="rate"/>: <see cref="StepDuration"/>, or longer when that would send fewer requests than the thresholds' percentiles need to be judged.</summary>
    /// <remarks>
    /// A percentile threshold holds only when its interval is under the limit. A p99 has no interval below 368 requests
    /// (at 10/s a 20 s step could never pass it), and below 555 its upper end is the slowest request, so one stray
    /// request would fail the step (<see cref="OrderStatistics.SamplesForInnerInterval"/>: 5 s steps at 64 MiB stopped
    /// at 100/s on a p99 of 122 ms; git history at 03d626c, results/2026-12-05-memory-knee). A failure-rate limit is judged by
    /// its interval too: <c>http_req_failed&lt;0.001</c> needs 3,688 requests. Poisson arrivals vary, so they get three standard
    /// deviations more.
    /// </remarks>
    public TimeSpan DurationAt(double rate, IEnumerable<Threshold> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var needed = thresholds.Select(RequestsToJudge).DefaultIfEmpty(0).Max();
        if (needed == 0)
        {
            return StepDuration;
        }

        var requests = needed + 1 + (Poisson ? 3 * Math.Sqrt(needed) : 0);
        var seconds = Math.Ceiling(requests / rate);
        return seconds > StepDuration.TotalSeconds ? TimeSpan.FromSeconds(seconds) : StepDuration;
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
