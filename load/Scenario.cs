using Perf.Load.Model;
using Perf.Load.Scenarios;

namespace Perf.Load;

/// <summary>A named load test written in C#: what one invocation does, its load simulations, warm-up and thresholds.</summary>
/// <remarks>
/// <para>
/// An invocation is either a step function (<see cref="Create"/>: any code, e.g. several calls in a row) or one GET
/// the scenario describes (<see cref="CreateRequests"/>): the engine sends that itself, on its raw HTTP/1.1 client
/// where it can, which is what <c>calibrate</c> measures against wrk and what every built-in <c>--scenario</c> is.
/// </para>
/// <para>
/// The runner times every invocation from the moment the schedule intended it to start, not from when the step got
/// to run, so a slow server or a busy generator shows in the latency instead of thinning the load (coordinated
/// omission). A step runs on the thread pool; whatever it does, it cannot move the schedule.
/// </para>
/// </remarks>
public sealed class Scenario
{
    private Scenario(string name, Func<ScenarioContext, Task<Response>>? step, Func<Random, HttpGet>? requests, IReadOnlyList<string> endpoints)
    {
        Name = name;
        Step = step;
        Requests = requests;
        Endpoints = endpoints;
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

    /// <summary>The endpoint names its invocations count under: the scenario's own name for a step function, the declared ones for requests.</summary>
    public IReadOnlyList<string> Endpoints { get; }

    internal Func<ScenarioContext, Task<Response>>? Step { get; }

    internal Func<Random, HttpGet>? Requests { get; }

    /// <summary>A scenario running <paramref name="step"/> once per invocation.</summary>
    /// <param name="name">Letters, digits, '-' and '_' (it names report files).</param>
    /// <param name="step">The work of one invocation; report sub-steps with <see cref="ScenarioContext.StepAsync"/>.</param>
    public static Scenario Create(string name, Func<ScenarioContext, Task<Response>> step)
    {
        ScenarioContext.ValidateName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(step);
        return new Scenario(name, step, null, [name]);
    }

    /// <summary>A scenario whose every invocation is the one GET <paramref name="next"/> describes, sent by the engine itself.</summary>
    /// <param name="name">Letters, digits, '-' and '_' (it names report files).</param>
    /// <param name="endpoints">The endpoint names its requests count under (<see cref="HttpGet.Endpoint"/>), for per-endpoint results and thresholds.</param>
    /// <param name="next">The next request. It runs on the engine's dispatch thread, so it must be quick and must not block; <paramref name="next"/>'s <see cref="Random"/> is seeded from the scenario's seed.</param>
    public static Scenario CreateRequests(string name, IReadOnlyList<string> endpoints, Func<Random, HttpGet> next)
    {
        ScenarioContext.ValidateName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(next);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException($"Scenario '{name}' needs at least one endpoint.", nameof(endpoints));
        }

        foreach (var endpoint in endpoints)
        {
            ScenarioContext.ValidateName(endpoint, nameof(endpoints));
        }

        return new Scenario(name, null, next, [.. endpoints.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Runs these simulations one after another: injection rates, or a single <see cref="Simulation.KeepConstant"/> (which takes no latency threshold).</summary>
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
        if (copy.LoadSimulations.Count > 0)
        {
            // A latency threshold on KeepConstant fails here, whichever of the two was set first.
            _ = copy.ToProfile();
        }

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

    /// <summary>The engine's form of this scenario; a step function gets <paramref name="client"/> and ends as a timeout after <paramref name="requestTimeout"/>.</summary>
    internal ILoadScenario Bind(HttpClient? client, TimeSpan requestTimeout) => Step is null
        ? new RequestScenario(Name, Endpoints, Requests!)
        : new StepScenario(this, client ?? throw new ArgumentNullException(nameof(client), $"Scenario '{Name}' runs code, which needs an HTTP client."), requestTimeout);

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

            if (Thresholds.FirstOrDefault(t => t.Threshold.JudgesLatency) is { } latency)
            {
                throw new ArgumentException($"Scenario '{Name}': {latency.Expression} judges latency, which KeepConstant (closed model) hides: its copies wait out a stall instead of starting into it. Judge latency with Inject or RampingInject; KeepConstant takes only ErrorRateBelow.");
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

    private Scenario Copy() => new(Name, Step, Requests, Endpoints)
    {
        LoadSimulations = LoadSimulations,
        WarmUpDuration = WarmUpDuration,
        Thresholds = Thresholds,
        PoissonArrivals = PoissonArrivals,
        Seed = Seed,
    };
}
