using System.CommandLine;
using Perf.Load.Model;
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

    /// <summary>The open-model load of the step at <paramref name="rate"/>.</summary>
    public LoadProfile ProfileAt(double rate) => LoadProfile.ConstantRate(rate, StepDuration, Warmup, Poisson);

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
        command.SetAction((parse, cancellationToken) => execute(
            options.Read(parse, requireLoad: false, context.ProvisioningFor(parse), context.Arguments),
            steps.Read(parse),
            context.Console,
            cancellationToken));
        return command;
    }

    /// <summary>The options that set the steps, shared by every command that searches rates.</summary>
    internal sealed class Options(RunOptions run)
    {
        private readonly Option<double> _start = new("--start-rate") { Description = "first step's rate, requests/s", DefaultValueFactory = _ => 10, HelpName = "N" };
        private readonly Option<double> _step = new("--step") { Description = "rate added per step", DefaultValueFactory = _ => 10, HelpName = "N" };
        private readonly Option<double> _max = new("--max-rate") { Description = "last step's rate at most", DefaultValueFactory = _ => 1000, HelpName = "N" };
        private readonly Option<Duration> _stepDuration = Duration.Option("--step-duration", TimeSpan.FromSeconds(20), "measured duration of each step");

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
        /// <exception cref="UsageException">A rate is not positive, the maximum is below the start, or a step lasts no time.</exception>
        public CapacitySteps Read(ParseResult parse)
        {
            ArgumentNullException.ThrowIfNull(parse);
            var steps = new CapacitySteps(parse.GetValue(_start), parse.GetValue(_step), parse.GetValue(_max), parse.GetValue(_stepDuration).ToTimeSpan(), parse.GetValue(run.Warmup).ToTimeSpan(), parse.GetValue(run.Poisson));
            RunOptions.PositiveRate(steps.StartRate, "--start-rate");
            RunOptions.PositiveRate(steps.Step, "--step");
            if (steps.MaxRate < steps.StartRate)
            {
                throw new UsageException("--max-rate must be at least --start-rate.");
            }

            if (steps.StepDuration <= TimeSpan.Zero)
            {
                throw new UsageException("--step-duration must be greater than zero.");
            }

            return steps;
        }
    }
}
