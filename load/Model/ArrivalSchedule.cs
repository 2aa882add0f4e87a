using Perf.Seed.Generation;

namespace Perf.Load.Model;

/// <summary>Generates the intended start times of an open-model run.</summary>
/// <remarks>
/// Each stage's cumulative arrival count is Λ(t) = r0·t + (r1−r0)·t²/(2D); arrival k happens where Λ reaches the
/// k-th target (targets one apart for even spacing, Exp(1) apart for Poisson), so ramps need no per-step loop and
/// the phase carries across stage boundaries. The schedule is fixed up front: it is never re-based when the
/// generator falls behind.
/// </remarks>
internal static class ArrivalSchedule
{
    /// <summary>All arrivals of the warm-up followed by the measured stages.</summary>
    /// <remarks>
    /// Poisson gaps draw from a seed derived from <paramref name="seed"/>, not from <paramref name="seed"/> itself: the
    /// request picker draws from <c>new Random(seed)</c>, and the same stream would tie request k's choice to gap k.
    /// </remarks>
    public static IEnumerable<ScheduledArrival> Generate(LoadProfile profile, int seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var random = SeedDerivation.Create(seed, "arrival-gaps", 0);
        var stages = new List<(LoadStage Stage, bool Warmup)>();
        if (profile.Warmup > TimeSpan.Zero)
        {
            stages.Add((LoadStage.Constant(profile.WarmupRate, profile.Warmup), true));
        }

        stages.AddRange(profile.Stages.Select(s => (s, false)));
        return Generate(stages, profile.Poisson, random);
    }

    private static IEnumerable<ScheduledArrival> Generate(List<(LoadStage Stage, bool Warmup)> stages, bool poisson, Random random)
    {
        var stageStart = TimeSpan.Zero;
        var target = poisson ? NextExponential(random) : 0.0;
        foreach (var (stage, warmup) in stages)
        {
            var total = stage.ExpectedArrivals;
            while (target < total)
            {
                var seconds = InvertCumulative(stage, target);
                yield return new ScheduledArrival(stageStart + TimeSpan.FromSeconds(seconds), warmup);
                target += poisson ? NextExponential(random) : 1.0;
            }

            target -= total;
            stageStart += stage.Duration;
        }
    }

    /// <summary>Solves Λ(t) = <paramref name="count"/> for t within a stage.</summary>
    internal static double InvertCumulative(LoadStage stage, double count)
    {
        if (count <= 0)
        {
            return 0;
        }

        var seconds = stage.Duration.TotalSeconds;
        var r0 = stage.StartRate;
        var a = (stage.EndRate - r0) / (2 * seconds);
        if (Math.Abs(a) < 1e-12)
        {
            return count / r0;
        }

        // Stable root of a·t² + r0·t − count = 0.
        var discriminant = Math.Max(0, (r0 * r0) + (4 * a * count));
        var t = 2 * count / (r0 + Math.Sqrt(discriminant));
        return Math.Clamp(t, 0, seconds);
    }

    private static double NextExponential(Random random) => -Math.Log(1 - random.NextDouble());
}
