using Perf.Load;
using Perf.Load.Cli;
using Perf.Load.Model;

namespace Perf.Tests.Load;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Generate_ConstantRate_SpacesArrivalsEvenly()
    {
        var profile = LoadProfile.ConstantRate(100, TimeSpan.FromSeconds(2));

        var arrivals = ArrivalSchedule.Generate(profile, seed: 1).ToList();

        Assert.Equal(200, arrivals.Count);
        Assert.Equal(TimeSpan.Zero, arrivals[0].Offset);
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => (b.Offset - a.Offset).TotalMilliseconds).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 9.999, 10.001));
        Assert.All(arrivals, a => Assert.False(a.IsWarmup));
    }

    [Fact]
    public void Generate_Warmup_FlagsWarmupArrivalsAndKeepsMeasuredCount()
    {
        var profile = LoadProfile.ConstantRate(50, TimeSpan.FromSeconds(2), warmup: TimeSpan.FromSeconds(1));

        var arrivals = ArrivalSchedule.Generate(profile, seed: 1).ToList();

        Assert.Equal(50, arrivals.Count(a => a.IsWarmup));
        Assert.Equal(100, arrivals.Count(a => !a.IsWarmup));
        Assert.All(arrivals.Where(a => a.IsWarmup), a => Assert.True(a.Offset < TimeSpan.FromSeconds(1)));
        Assert.All(arrivals.Where(a => !a.IsWarmup), a => Assert.True(a.Offset >= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Generate_Ramp_MatchesIntegralAndGetsDenser()
    {
        // 0 -> 200/s over 10 s: 1000 arrivals, a quarter of them in the first half.
        var profile = new LoadProfile(LoadModelKind.Open, TimeSpan.Zero, [new LoadStage(0, 200, TimeSpan.FromSeconds(10))], false, 0, TimeSpan.Zero);

        var arrivals = ArrivalSchedule.Generate(profile, seed: 1).ToList();

        Assert.InRange(arrivals.Count, 999, 1001);
        Assert.InRange(arrivals.Count(a => a.Offset < TimeSpan.FromSeconds(5)), 249, 251);
        Assert.True(arrivals.Zip(arrivals.Skip(1)).All(p => p.Second.Offset >= p.First.Offset));
        Assert.All(arrivals, a => Assert.InRange(a.Offset, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Generate_Stages_CarryPhaseAcrossBoundaries()
    {
        var profile = new LoadProfile(
            LoadModelKind.Open,
            TimeSpan.Zero,
            [LoadStage.Constant(10, TimeSpan.FromSeconds(1)), new LoadStage(10, 30, TimeSpan.FromSeconds(1)), LoadStage.Constant(30, TimeSpan.FromSeconds(1))],
            false,
            0,
            TimeSpan.Zero);

        var arrivals = ArrivalSchedule.Generate(profile, seed: 1).ToList();

        Assert.Equal(10 + 20 + 30, arrivals.Count);
        Assert.Equal(60, profile.Stages.Sum(s => s.ExpectedArrivals), precision: 6);
    }

    [Fact]
    public void Generate_Poisson_HasTheRateAndExponentialGaps()
    {
        var profile = LoadProfile.ConstantRate(1000, TimeSpan.FromSeconds(20), poisson: true);

        var arrivals = ArrivalSchedule.Generate(profile, seed: 42).ToList();
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => (b.Offset - a.Offset).TotalMilliseconds).ToList();
        var mean = gaps.Average();
        var variance = gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Count;

        // 20 000 expected; Poisson sd ≈ 141.
        Assert.InRange(arrivals.Count, 19_500, 20_500);
        Assert.InRange(mean, 0.97, 1.03);

        // Exponential: standard deviation equals the mean (even spacing would have 0).
        Assert.InRange(Math.Sqrt(variance), 0.9, 1.1);
        Assert.Equal(arrivals.Select(a => a.Offset), ArrivalSchedule.Generate(profile, seed: 42).Select(a => a.Offset));
    }

    /// <summary>
    /// --stages "0->100:30s" with the default 3 s warm-up: the warm-up at the start rate (0/s) sent nothing, yet the
    /// runner measured from 3 s, so the ramp's first ~15 requests were counted cold and the report claimed a warm-up.
    /// </summary>
    [Fact]
    public void Generate_RampFromZeroWithWarmup_WarmsUpAtTheRampsEndRateBeforeTheMeasuredRamp()
    {
        var profile = new LoadProfile(LoadModelKind.Open, TimeSpan.FromSeconds(3), RunOptions.ParseStages("0->100:30s"), false, 0, TimeSpan.Zero);

        var arrivals = ArrivalSchedule.Generate(profile, seed: 1).ToList();

        Assert.Equal(TimeSpan.FromSeconds(3), profile.Warmup);
        Assert.Equal(300, arrivals.Count(a => a.IsWarmup));
        Assert.All(arrivals.Where(a => a.IsWarmup), a => Assert.True(a.Offset < profile.Warmup));
        // The measured ramp starts where the runner starts measuring: 0 -> 100/s puts 15 arrivals in its first 3 s.
        var measured = arrivals.Where(a => !a.IsWarmup).ToList();
        Assert.InRange(measured.Count, 1499, 1501);
        Assert.All(measured, a => Assert.True(a.Offset >= profile.Warmup));
        Assert.InRange(measured.Count(a => a.Offset < profile.Warmup + TimeSpan.FromSeconds(3)), 14, 16);
        Assert.Equal("open constant-spacing 0->100/s over 30s (+3s warm-up at 100/s)", profile.Describe());
    }

    [Fact]
    public void Generate_ScenarioRampingInjectFromZero_WarmsUpAtItsRate()
    {
        var profile = Scenario.Create("ramp", _ => Task.FromResult(Response.Ok()))
            .WithWarmUpDuration(TimeSpan.FromSeconds(2))
            .WithLoadSimulations(Simulation.RampingInject(50, TimeSpan.FromSeconds(10)))
            .ToProfile();

        var arrivals = ArrivalSchedule.Generate(profile, seed: 1).ToList();

        Assert.Equal(100, arrivals.Count(a => a.IsWarmup));
        Assert.All(arrivals.Where(a => !a.IsWarmup), a => Assert.True(a.Offset >= profile.Warmup));
    }

    /// <summary>A first stage that sends nothing cannot warm up: the profile has no warm-up, so the runner measures from the start.</summary>
    [Fact]
    public void Warmup_FirstStageAtZeroThroughout_IsNone()
    {
        var profile = new LoadProfile(LoadModelKind.Open, TimeSpan.FromSeconds(3), [new LoadStage(0, 0, TimeSpan.FromSeconds(5)), LoadStage.Constant(10, TimeSpan.FromSeconds(5))], false, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, profile.Warmup);
        Assert.DoesNotContain(ArrivalSchedule.Generate(profile, seed: 1), a => a.IsWarmup);
        Assert.DoesNotContain("warm-up", profile.Describe(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Both dispatchers pick request k with <c>new Random(seed)</c>; the Poisson gaps drew from the same stream, so each
    /// gap −ln(1 − u)/rate was made of the very draw u that picked its request.
    /// </summary>
    [Fact]
    public void Generate_Poisson_GapsDoNotReplayThePickersDraws()
    {
        const int seed = 42;
        const double rate = 10;
        var offsets = ArrivalSchedule.Generate(LoadProfile.ConstantRate(rate, TimeSpan.FromSeconds(20), poisson: true), seed).Select(a => a.Offset.TotalSeconds).ToList();
        var picker = new Random(seed);

        var gapDraws = offsets.Zip(offsets.Prepend(0.0), (t, previous) => 1 - Math.Exp(-rate * (t - previous))).ToList();
        var pickerDraws = gapDraws.Select(_ => picker.NextDouble()).ToList();

        Assert.InRange(gapDraws.Count, 150, 250);
        Assert.InRange(gapDraws.Zip(pickerDraws).Count(p => Math.Abs(p.First - p.Second) < 1e-4), 0, 2);
    }
}
