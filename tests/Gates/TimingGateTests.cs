using Telemetry.CommandLine;
using Perf.Harness.Gates;

namespace Perf.Tests.Gates;

public sealed class TimingGateTests
{
    private static readonly TimingGateOptions Options = TimingGateOptions.Default;

    [Fact]
    public void CompareAll_EqualRuns_Unchanged()
    {
        var timing = Assert.Single(TimingComparer.CompareAll([SyntheticTimings.Run("q", 2e6, 1e5, seed: 1)], [SyntheticTimings.Run("q", 2e6, 1e5, seed: 2)], Options));

        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.Equal(GateOutcome.Passed, Assert.Single(TimingGate.ToChecks([timing])).Outcome);
    }

    [Fact]
    public void CompareAll_TwiceAsSlow_SlowerWithReadableReason()
    {
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("trades", 2e6, 1e5, seed: 1), SyntheticTimings.Run("summary", 1e6, 5e4, seed: 3)],
            [SyntheticTimings.Run("trades", 4e6, 2e5, seed: 2), SyntheticTimings.Run("summary", 1e6, 5e4, seed: 4)],
            Options);

        var slow = Assert.Single(comparisons, t => t.Verdict == TimingVerdict.Slower);
        Assert.Equal("trades", slow.Name);
        Assert.InRange(slow.Ratio, 1.8, 2.2);
        // Eight rounds each, fully separated: the exact one-sided p is 1 / C(16, 8).
        Assert.Equal(1 / 12870.0, slow.PValue!.Value, 8);
        Assert.StartsWith("slower by ≥ 1.5× and significant: median ", slow.Reason, StringComparison.Ordinal);
        var report = new GateReport([.. TimingGate.ToChecks(comparisons)], comparisons);
        Assert.Equal(ExitCodes.ThresholdsFailed, report.ExitCode);
        Assert.StartsWith("failed: timings/trades: Slower: slower by ≥ 1.5×", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LargeRatioInsideTheRoundsSpread_Unchanged()
    {
        // 60 % slower in the median, but the rounds interleave: no rank test can call that a shift.
        double[] baseline = [50e3, 60e3, 70e3, 80e3, 90e3, 100e3, 110e3, 120e3];
        var timing = TimingComparer.Compare(new TimingSeries("q", baseline, 1), new TimingSeries("q", [45e3, 55e3, 150e3, 160e3, 170e3, 180e3, 30e3, 190e3], 1), Options);

        Assert.True(timing.Ratio > 1.5, $"ratio {timing.Ratio}");
        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.StartsWith("difference within the rounds' spread", timing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SignificantButSmallShift_Unchanged()
    {
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 1e6, 1e3, seed: 7), SyntheticTimings.Run("q", 1.1e6, 1e3, seed: 8), Options);

        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.True(timing.PValue < 0.01);
    }

    [Fact]
    public void Compare_TwiceAsFast_Faster()
    {
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 2e6, 1e5, seed: 1), SyntheticTimings.Run("q", 1e6, 5e4, seed: 2), Options);

        Assert.Equal(TimingVerdict.Faster, timing.Verdict);
        Assert.Equal(GateOutcome.Passed, Assert.Single(TimingGate.ToChecks([timing])).Outcome);
    }

    [Fact]
    public void Compare_TooFewRounds_InconclusiveIsAnError()
    {
        // Four rounds a side: the exact test's smallest p is 1/70 > 0.01, so even a 3× shift cannot be judged.
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 1e6, 1e3, seed: 1, rounds: 4), SyntheticTimings.Run("q", 3e6, 1e3, seed: 2, rounds: 4), Options);

        Assert.Equal(TimingVerdict.Inconclusive, timing.Verdict);
        Assert.Equal(GateOutcome.Error, Assert.Single(TimingGate.ToChecks([timing])).Outcome);
    }

    [Fact]
    public void CompareAll_QueryMissingFromRun_IsAnError()
    {
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("a", 1e6, 1e4, seed: 1), SyntheticTimings.Run("gone", 1e6, 1e4, seed: 2)],
            [SyntheticTimings.Run("a", 1e6, 1e4, seed: 3), SyntheticTimings.Run("new", 1e6, 1e4, seed: 4)],
            Options);
        var report = new GateReport([.. TimingGate.ToChecks(comparisons)], comparisons);

        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
        Assert.Equal(GateOutcome.Error, Assert.Single(report.Checks, c => c.Name == "gone").Outcome);
        Assert.Equal(GateOutcome.Passed, Assert.Single(report.Checks, c => c.Name == "new").Outcome);
    }

    [Fact]
    public void Confirm_SlowerInBothRounds_StaysARegression()
    {
        var first = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("a", 2e6, 4e4, seed: 2)], Options);
        var second = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 5)], [SyntheticTimings.Run("a", 2.1e6, 4e4, seed: 3)], Options);

        var confirmed = Assert.Single(TimingGate.Confirm(first, second));

        Assert.Equal(TimingVerdict.Slower, confirmed.Verdict);
        Assert.Contains("; confirmed: ", confirmed.Reason, StringComparison.Ordinal);
        Assert.Equal(GateOutcome.Failed, Assert.Single(TimingGate.ToChecks([confirmed])).Outcome);
    }

    [Fact]
    public void Confirm_SpikeNotReproduced_Passes()
    {
        var first = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("a", 3e6, 4e4, seed: 2)], Options);
        var second = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 5)], [SyntheticTimings.Run("a", 1.02e6, 2e4, seed: 3)], Options);

        var confirmed = Assert.Single(TimingGate.Confirm(first, second));

        Assert.Equal(TimingVerdict.Unchanged, confirmed.Verdict);
        Assert.StartsWith("not confirmed: the first rounds found it slower by ≥ 1.5×", confirmed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_ConfirmationMeasuredNothing_FailsClosed()
    {
        // The hole this closes: a crashed confirmation used to turn every suspect into "unchanged".
        var first = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("a", 3e6, 4e4, seed: 2)], Options);

        var confirmed = Assert.Single(TimingGate.Confirm(first, []));
        var report = new GateReport([.. TimingGate.ToChecks([confirmed])], [confirmed]);

        Assert.Equal(TimingVerdict.Missing, confirmed.Verdict);
        Assert.False(report.Passed);
        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
        Assert.Contains("the confirmation did not re-measure it", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RankTest_SmallestPValue_IsOneOverBinomial()
    {
        Assert.Equal(1 / 70.0, RankTest.SmallestPValue(4, 4), 12);
        Assert.Equal(1 / 252.0, RankTest.SmallestPValue(5, 5), 12);
        Assert.Equal(1 / 12870.0, RankTest.PValueGreater([11, 12, 13, 14, 15, 16, 17, 18], [1, 2, 3, 4, 5, 6, 7, 8]), 10);
        Assert.True(RankTest.PValueGreater([1, 2, 3, 4, 5, 6, 7, 8], [11, 12, 13, 14, 15, 16, 17, 18]) > 0.99);
    }
}
