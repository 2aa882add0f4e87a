using Perf.Harness.Gates;

namespace Perf.Tests.Gates;

public sealed class TimingGateTests
{
    private static readonly TimingGateOptions Options = TimingGateOptions.Default;

    [Fact]
    public void Evaluate_EqualRuns_Passes()
    {
        var report = Gate([SyntheticTimings.Run("Q.TradeList", 2e6, 1e5, seed: 1)], [SyntheticTimings.Run("Q.TradeList", 2e6, 1e5, seed: 2)]);

        Assert.True(report.Passed);
        Assert.Equal(GateExitCodes.Passed, report.ExitCode);
        Assert.Equal(TimingVerdict.Unchanged, Assert.Single(report.Timings).Verdict);
    }

    [Fact]
    public void Evaluate_TwiceAsSlow_FailsWithReadableReason()
    {
        var report = Gate(
            [SyntheticTimings.Run("Q.TradeList", 2e6, 1e5, seed: 1), SyntheticTimings.Run("Q.Summary", 1e6, 5e4, seed: 3)],
            [SyntheticTimings.Run("Q.TradeList", 4e6, 2e5, seed: 2), SyntheticTimings.Run("Q.Summary", 1e6, 5e4, seed: 4)]);

        Assert.False(report.Passed);
        Assert.Equal(GateExitCodes.Regressed, report.ExitCode);
        var slow = Assert.Single(report.Timings, t => t.Verdict == TimingVerdict.Slower);
        Assert.Equal("Q.TradeList", slow.Name);
        Assert.InRange(slow.Ratio, 1.8, 2.2);
        Assert.StartsWith("failed: timings/Q.TradeList: Slower: slower beyond 1.5×", report.Reason, StringComparison.Ordinal);
        Assert.Contains("Mann–Whitney p=", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShiftInsideTheMeasuredSpread_Passes()
    {
        // Every iteration 60 % slower, but each run spreads from 50 to 140 µs: the intervals overlap, so it is not beyond the spread.
        var baseline = Enumerable.Range(0, 10).Select(i => 50e3 + (10e3 * i)).ToArray();
        var report = Gate([SyntheticTimings.FromSamples("Q.Noisy", baseline)], [SyntheticTimings.FromSamples("Q.Noisy", [.. baseline.Select(v => v * 1.6)])]);

        var timing = Assert.Single(report.Timings);
        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.True(timing.Ratio > 1.5, $"ratio {timing.Ratio}");
        Assert.True(timing.IntervalsOverlap);
        Assert.StartsWith("difference within the measured spread (intervals overlap)", timing.Reason, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Evaluate_SignificantButSmallShift_Passes()
    {
        // 10 % slower with tiny noise: real, but under the 25 % threshold.
        var timing = Assert.Single(Gate([SyntheticTimings.Run("Q.Tight", 1e6, 1e3, seed: 7)], [SyntheticTimings.Run("Q.Tight", 1.1e6, 1e3, seed: 8)]).Timings);

        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.False(timing.IntervalsOverlap);
        Assert.True(timing.PValue < 0.01);
    }

    [Fact]
    public void Confirm_SlowerInBothRuns_StaysARegression()
    {
        var first = Gate([SyntheticTimings.Run("Q.A", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("Q.A", 2e6, 4e4, seed: 2)]).Timings;
        var second = Gate([SyntheticTimings.Run("Q.A", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("Q.A", 2.1e6, 4e4, seed: 3)]).Timings;

        var confirmed = Assert.Single(TimingGate.Confirm(first, second));

        Assert.Equal(TimingVerdict.Slower, confirmed.Verdict);
        Assert.Contains("confirmed by a second run", confirmed.Reason, StringComparison.Ordinal);
        Assert.Equal(GateOutcome.Failed, Assert.Single(TimingGate.ToChecks([confirmed])).Outcome);
    }

    [Fact]
    public void Confirm_SpikeNotReproduced_Passes()
    {
        var first = Gate([SyntheticTimings.Run("Q.A", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("Q.A", 3e6, 4e4, seed: 2)]).Timings;
        var second = Gate([SyntheticTimings.Run("Q.A", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("Q.A", 1.02e6, 2e4, seed: 3)]).Timings;

        var confirmed = Assert.Single(TimingGate.Confirm(first, second));

        Assert.Equal(TimingVerdict.Unchanged, confirmed.Verdict);
        Assert.StartsWith("not confirmed: the first run found it slower beyond 1.5×", confirmed.Reason, StringComparison.Ordinal);
        Assert.Contains("the confirmation run found unchanged", confirmed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThreeSamplesEach_IntervalsDecide()
    {
        var apart = Assert.Single(Gate([SyntheticTimings.Run("Q.A", 1e6, 1e4, seed: 1, samples: 3)], [SyntheticTimings.Run("Q.A", 2e6, 2e4, seed: 2, samples: 3)]).Timings);
        var overlapping = Assert.Single(Gate([SyntheticTimings.Run("Q.A", 1e6, 4e5, seed: 1, samples: 3)], [SyntheticTimings.Run("Q.A", 2e6, 8e5, seed: 2, samples: 3)]).Timings);

        Assert.Null(apart.PValue);
        Assert.Equal(TimingVerdict.Slower, apart.Verdict);
        Assert.True(overlapping.IntervalsOverlap);
        Assert.Equal(TimingVerdict.Unchanged, overlapping.Verdict);
    }

    [Fact]
    public void Evaluate_TwiceAsFast_PassesAsFaster()
    {
        var timing = Assert.Single(Gate([SyntheticTimings.Run("Q.A", 2e6, 1e5, seed: 1)], [SyntheticTimings.Run("Q.A", 1e6, 5e4, seed: 2)]).Timings);

        Assert.Equal(TimingVerdict.Faster, timing.Verdict);
    }

    [Fact]
    public void Evaluate_BenchmarkMissingFromRun_Fails()
    {
        var report = Gate([SyntheticTimings.Run("Q.A", 1e6, 1e4, seed: 1), SyntheticTimings.Run("Q.Gone", 1e6, 1e4, seed: 2)], [SyntheticTimings.Run("Q.A", 1e6, 1e4, seed: 3), SyntheticTimings.Run("Q.New", 1e6, 1e4, seed: 4)]);

        Assert.Equal(GateExitCodes.Regressed, report.ExitCode);
        Assert.Equal(TimingVerdict.Missing, Assert.Single(report.Timings, t => t.Name == "Q.Gone").Verdict);
        Assert.Equal(GateOutcome.Passed, Assert.Single(report.Checks, c => c.Name == "Q.New").Outcome);
    }

    [Fact]
    public void Evaluate_DifferentMachine_RefusedWithoutComparing()
    {
        var baseline = new[] { SyntheticTimings.Run("Q.A", 1e6, 1e4, seed: 1) };
        var current = new[] { SyntheticTimings.Run("Q.A", 3e6, 1e4, seed: 2) };

        var (checks, comparisons) = TimingGate.Evaluate(SyntheticTimings.Manifest(), baseline, SyntheticTimings.Manifest(cpu: "Intel Xeon Platinum 8370C"), current, Options, allowDifferentEnvironment: false);
        var report = new GateReport(checks, comparisons);

        Assert.Equal(GateExitCodes.EnvironmentMismatch, report.ExitCode);
        Assert.Empty(comparisons);
        Assert.Equal(GateOutcome.Skipped, Assert.Single(checks, c => c.Suite == TimingGate.Suite).Outcome);
        Assert.Contains("CPU: baseline AMD EPYC 7B13, this run Intel Xeon Platinum 8370C", report.Reason, StringComparison.Ordinal);
        Assert.Contains("--allow-different-environment", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DifferentServerVersionAllowed_Compares()
    {
        var (checks, comparisons) = TimingGate.Evaluate(
            SyntheticTimings.Manifest(), [SyntheticTimings.Run("Q.A", 1e6, 1e4, seed: 1)],
            SyntheticTimings.Manifest(serverVersion: "8.0.40"), [SyntheticTimings.Run("Q.A", 1e6, 1e4, seed: 2)],
            Options, allowDifferentEnvironment: true);

        var environment = Assert.Single(checks, c => c.Suite == "environment");
        Assert.Equal(GateOutcome.Passed, environment.Outcome);
        Assert.Contains("server: baseline MariaDb 10.11.14-MariaDB-0+deb12u2, this run MariaDb 8.0.40", environment.Message, StringComparison.Ordinal);
        Assert.Single(comparisons);
    }

    [Fact]
    public void Differences_SameMachineOtherHostAndPatch_None()
    {
        var other = SyntheticTimings.Manifest() with { Machine = SyntheticTimings.Manifest().Machine with { HostName = "elsewhere", RuntimeVersion = ".NET 10.0.13" } };

        Assert.Empty(EnvironmentComparer.Differences(SyntheticTimings.Manifest(), other));
    }

    [Fact]
    public void TwoSidedPValue_SeparatedSamples_MatchesNormalApproximation()
    {
        // U = 0, mean 12.5, variance 25·11/12; z = (12.5 − 0.5) / 4.787 = 2.507 → p = 0.0122.
        Assert.Equal(0.0122, MannWhitneyU.TwoSidedPValue([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]), 3);
        Assert.Equal(1, MannWhitneyU.TwoSidedPValue([1, 1, 1], [1, 1, 1]));
        Assert.Equal(1, MannWhitneyU.TwoSidedPValue([1, 2, 3], [1, 2, 3]), 6);
    }

    private static GateReport Gate(BenchmarkTiming[] baseline, BenchmarkTiming[] current)
    {
        var (checks, comparisons) = TimingGate.Evaluate(SyntheticTimings.Manifest(), baseline, SyntheticTimings.Manifest(), current, Options, allowDifferentEnvironment: false);
        return new GateReport(checks, comparisons);
    }
}
