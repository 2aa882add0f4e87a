namespace Perf.Load.Model;

/// <summary>The whole load shape of a run: model, warm-up and measured stages.</summary>
/// <param name="Kind">Open (arrival rate) or closed (concurrency).</param>
/// <param name="Warmup">Leading period whose requests are sent but not counted.</param>
/// <param name="Stages">Open model: measured stages after the warm-up.</param>
/// <param name="Poisson">Open model: exponential inter-arrival times instead of even spacing.</param>
/// <param name="Concurrency">Closed model: number of workers.</param>
/// <param name="ClosedDuration">Closed model: measured duration after the warm-up.</param>
internal sealed record LoadProfile(
    LoadModelKind Kind,
    TimeSpan Warmup,
    IReadOnlyList<LoadStage> Stages,
    bool Poisson,
    int Concurrency,
    TimeSpan ClosedDuration)
{
    /// <summary>Leading period whose requests are sent but not counted: none for an open model whose warm-up would send nothing.</summary>
    /// <remarks>The runner starts measuring this long after the first arrival, so it must be the warm-up the schedule really has.</remarks>
    public TimeSpan Warmup { get; init; } = Kind == LoadModelKind.Open && RateToWarmUpAt(Stages) <= 0 ? TimeSpan.Zero : Warmup;

    /// <summary>An open model at a constant rate.</summary>
    public static LoadProfile ConstantRate(double rate, TimeSpan duration, TimeSpan warmup = default, bool poisson = false) =>
        new(LoadModelKind.Open, warmup, [LoadStage.Constant(rate, duration)], poisson, 0, TimeSpan.Zero);

    /// <summary>A closed model with a fixed number of workers.</summary>
    public static LoadProfile Closed(int concurrency, TimeSpan duration, TimeSpan warmup = default) =>
        new(LoadModelKind.Closed, warmup, [], false, concurrency, duration);

    /// <summary>Measured duration (warm-up excluded).</summary>
    public TimeSpan MeasuredDuration => Kind == LoadModelKind.Closed
        ? ClosedDuration
        : TimeSpan.FromTicks(Stages.Sum(s => s.Duration.Ticks));

    /// <summary>Rate the warm-up runs at: the first stage's starting rate, or its end rate when it ramps up from 0/s (a warm-up at 0/s would send nothing and warm nothing).</summary>
    public double WarmupRate => RateToWarmUpAt(Stages);

    /// <summary>Mean target rate over the measured stages.</summary>
    public double MeanTargetRate => MeasuredDuration <= TimeSpan.Zero ? 0 : Stages.Sum(s => s.ExpectedArrivals) / MeasuredDuration.TotalSeconds;

    /// <summary>Highest target rate of any stage.</summary>
    public double PeakTargetRate => Stages.Count == 0 ? 0 : Stages.Max(s => Math.Max(s.StartRate, s.EndRate));

    /// <summary>A short human description, e.g. <c>open 50/s for 30s (+5s warm-up)</c>.</summary>
    public string Describe()
    {
        var warm = Warmup <= TimeSpan.Zero ? string.Empty
            : Kind == LoadModelKind.Open && !WarmupRate.Equals(Stages[0].StartRate) ? FormattableString.Invariant($" (+{Warmup.TotalSeconds:0.#}s warm-up at {WarmupRate:0.##}/s)")
            : FormattableString.Invariant($" (+{Warmup.TotalSeconds:0.#}s warm-up)");
        if (Kind == LoadModelKind.Closed)
        {
            return FormattableString.Invariant($"closed {Concurrency} workers for {ClosedDuration.TotalSeconds:0.#}s{warm}");
        }

        var stages = string.Join(", ", Stages.Select(s => s.StartRate.Equals(s.EndRate)
            ? FormattableString.Invariant($"{s.StartRate:0.##}/s for {s.Duration.TotalSeconds:0.#}s")
            : FormattableString.Invariant($"{s.StartRate:0.##}->{s.EndRate:0.##}/s over {s.Duration.TotalSeconds:0.#}s")));
        return $"open {(Poisson ? "poisson" : "constant-spacing")} {stages}{warm}";
    }

    private static double RateToWarmUpAt(IReadOnlyList<LoadStage> stages) =>
        stages.Count == 0 ? 0 : stages[0].StartRate > 0 ? stages[0].StartRate : stages[0].EndRate;
}
