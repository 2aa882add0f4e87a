using Perf.Load.Model;

namespace Perf.Load;

/// <summary>A named load test written in C#: a step function run once per invocation, its load simulations, warm-up and thresholds.</summary>
/// <remarks>
/// The runner times every invocation from the moment the schedule intended it to start, not from when the step got
/// to run, so a slow server or a busy generator shows in the latency instead of thinning the load (coordinated
/// omission). The step runs on the thread pool; whatever it does, it cannot move the schedule.
/// </remarks>
public sealed class Scenario
{
    private Scenario(string name, Func<ScenarioContext, Task<Response>> step)
    {
        Name = name;
        Step = step;
    }

    /// <summary>Scenario name, used in results and report folders.</summary>
    public string Name { get; }

    /// <summary>The load, phase after phase.</summary>
    public IReadOnlyList<LoadSimulation> LoadSimulations { get; private set; } = [];

    /// <summary>Leading period whose invocations run (at the first phase's starting rate or copies) but are not counted.</summary>
    public TimeSpan WarmUpDuration { get; private set; }

    /// <summary>Criteria the measured invocations must meet.</summary>
    public IReadOnlyList<ScenarioThreshold> Thresholds { get; private set; } = [];

    /// <summary>Open model: exponential gaps between invocations (Poisson arrivals) instead of even spacing.</summary>
    public bool PoissonArrivals { get; private set; }

    /// <summary>Seeds the arrival times and every invocation's <see cref="ScenarioContext.Random"/>.</summary>
    public int Seed { get; private set; } = 1;

    internal Func<ScenarioContext, Task<Response>> Step { get; }

    /// <summary>A scenario running <paramref name="step"/> once per invocation.</summary>
    /// <param name="name">Letters, digits, '-' and '_' (it names report files).</param>
    /// <param name="step">The work of one invocation; report sub-steps with <see cref="ScenarioContext.StepAsync"/>.</param>
    public static Scenario Create(string name, Func<ScenarioContext, Task<Response>> step)
    {
        ScenarioContext.ValidateName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(step);
        return new Scenario(name, step);
    }

    /// <summary>Runs these simulations one after another: injection rates, or a single <see cref="Simulation.KeepConstant"/>.</summary>
    public Scenario WithLoadSimulations(params LoadSimulation[] simulations)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        var copy = Copy();
        copy.LoadSimulations = [.. simulations];

        // An impossible combination fails here, where it was written, not when the run starts.
        _ = copy.ToProfile();
        return copy;
    }

    /// <summary>Runs the load for <paramref name="duration"/> before measuring.</summary>
    public Scenario WithWarmUpDuration(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var copy = Copy();
        copy.WarmUpDuration = duration;
        return copy;
    }

    /// <summary>Checks these thresholds on the measured invocations.</summary>
    public Scenario WithThresholds(params ScenarioThreshold[] thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var copy = Copy();
        copy.Thresholds = [.. thresholds];
        return copy;
    }

    /// <summary>Spaces invocations by exponential gaps (Poisson arrivals) at the simulations' rates.</summary>
    public Scenario WithPoissonArrivals()
    {
        var copy = Copy();
        copy.PoissonArrivals = true;
        return copy;
    }

    /// <summary>Seeds the arrival times and the invocations' random sources.</summary>
    public Scenario WithSeed(int seed)
    {
        var copy = Copy();
        copy.Seed = seed;
        return copy;
    }

    /// <summary>The engine's load profile for the simulations.</summary>
    internal LoadProfile ToProfile()
    {
        if (LoadSimulations.Count == 0)
        {
            throw new InvalidOperationException($"Scenario '{Name}' has no load simulation: call WithLoadSimulations.");
        }

        if (LoadSimulations.Any(s => s.Copies > 0))
        {
            if (LoadSimulations.Count > 1)
            {
                throw new ArgumentException($"Scenario '{Name}': KeepConstant runs alone, not combined with other simulations.");
            }

            var closed = LoadSimulations[0];
            return LoadProfile.Closed(closed.Copies, closed.During, WarmUpDuration);
        }

        var stages = new List<LoadStage>();
        var rate = 0.0;
        foreach (var simulation in LoadSimulations)
        {
            stages.Add(new LoadStage(simulation.FromRate ?? rate, simulation.Rate, simulation.During));
            rate = simulation.Rate;
        }

        return new LoadProfile(LoadModelKind.Open, WarmUpDuration, stages, PoissonArrivals, 0, TimeSpan.Zero);
    }

    private Scenario Copy() => new(Name, Step)
    {
        LoadSimulations = LoadSimulations,
        WarmUpDuration = WarmUpDuration,
        Thresholds = Thresholds,
        PoissonArrivals = PoissonArrivals,
        Seed = Seed,
    };
}
