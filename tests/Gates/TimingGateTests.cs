using Perf.Analysis.Gates;
using Telemetry.CommandLine;

namespace Perf.Tests.Gates;

public sealed class TimingGateTests
{
    private static readonly TimingGateOptions Options = TimingGateOptions.Default;

    [Fact]
    public void CompareAll_EqualRuns_Unchanged()
    {
        var timing = Assert.Single(TimingComparer.CompareAll([SyntheticTimings.Run("q", 2e6, 1e5, seed: 1)], [SyntheticTimings.Run("q", 2e6, 1e5, seed: 2)], Options, TimingDesign.Independent));

        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.Equal(GateOutcome.Passed, Assert.Single(TimingGate.ToChecks([timing])).Outcome);
    }

    [Fact]
    public void CompareAll_TwiceAsSlow_SlowerWithReadableReason()
    {
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("trades", 2e6, 1e5, seed: 1), SyntheticTimings.Run("summary", 1e6, 5e4, seed: 3)],
            [SyntheticTimings.Run("trades", 4e6, 2e5, seed: 2), SyntheticTimings.Run("summary", 1e6, 5e4, seed: 4)],
            Options,
            TimingDesign.Independent);

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
        var timing = TimingComparer.Compare(new TimingSeries("q", baseline, 1), new TimingSeries("q", [45e3, 55e3, 150e3, 160e3, 170e3, 180e3, 30e3, 190e3], 1), Options, TimingDesign.Independent);

        Assert.True(timing.Ratio > 1.5, $"ratio {timing.Ratio}");
        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.StartsWith("difference within the rounds' spread", timing.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TimingDesign.Independent, "within 1.5×: median ", "(1.496×)")]
    [InlineData(TimingDesign.Paired, "within 1.5×: median of per-round ratios 1.496× ", "")]
    public void Compare_RatioJustUnderTheLimit_PrintedUnderIt(TimingDesign design, string start, string ratio)
    {
        // 1.496× in every round: within 1.5×, which two decimals printed as "1.50×".
        double[] baseline = [1.00e6, 1.01e6, 1.02e6, 1.03e6, 1.04e6, 1.05e6, 1.06e6, 1.07e6];
        var timing = TimingComparer.Compare(new TimingSeries("q", baseline, 1), new TimingSeries("q", [.. baseline.Select(ns => ns * 1.496)], 1), Options, design);

        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.StartsWith(start, timing.Reason, StringComparison.Ordinal);
        Assert.Contains(ratio, timing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SignificantButSmallShift_Unchanged()
    {
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 1e6, 1e3, seed: 7), SyntheticTimings.Run("q", 1.1e6, 1e3, seed: 8), Options, TimingDesign.Independent);

        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.True(timing.PValue < 0.01);
    }

    [Fact]
    public void Compare_TwiceAsFast_Faster()
    {
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 2e6, 1e5, seed: 1), SyntheticTimings.Run("q", 1e6, 5e4, seed: 2), Options, TimingDesign.Independent);

        Assert.Equal(TimingVerdict.Faster, timing.Verdict);
        Assert.Equal(GateOutcome.Passed, Assert.Single(TimingGate.ToChecks([timing])).Outcome);
    }

    [Fact]
    public void Compare_TooFewRounds_InconclusiveIsAnError()
    {
        // Four rounds a side: the exact test's smallest p is 1/70 > 0.01, so even a 3× shift cannot be judged.
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 1e6, 1e3, seed: 1, rounds: 4), SyntheticTimings.Run("q", 3e6, 1e3, seed: 2, rounds: 4), Options, TimingDesign.Independent);

        Assert.Equal(TimingVerdict.Inconclusive, timing.Verdict);
        Assert.Equal(GateOutcome.Error, Assert.Single(TimingGate.ToChecks([timing])).Outcome);
    }

    [Fact]
    public void ToChecks_NoQueryTimed_IsAnErrorNotAPass()
    {
        // A --cases filter that names no query: both probes list nothing, so nothing is compared.
        var comparisons = TimingComparer.CompareAll([], [], Options, TimingDesign.Paired);
        var report = new GateReport([new GateCheck("plans", "p", GateOutcome.Passed, "ok"), .. TimingGate.ToChecks(comparisons)], comparisons);

        Assert.Empty(comparisons);
        Assert.False(report.Passed);
        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
        Assert.Equal(GateOutcome.Error, Assert.Single(report.Checks, c => c.Suite == TimingGate.Suite).Outcome);
    }

    [Fact]
    public void ToChecks_EveryQueryRenamed_IsAnErrorNotAPass()
    {
        // Every case renamed and three times as slow: each is new or removed, none is compared on both sides.
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("trades_page/hot/7d", 1e6, 1e4, seed: 1), SyntheticTimings.Run("summary/hot/30d", 1e6, 1e4, seed: 2)],
            [SyntheticTimings.Run("trades/hot/7d", 3e6, 1e4, seed: 3), SyntheticTimings.Run("summaries/hot/30d", 3e6, 1e4, seed: 4)],
            Options,
            TimingDesign.Paired);
        var report = new GateReport([.. TimingGate.ToChecks(comparisons)], comparisons);

        Assert.All(comparisons, c => Assert.Contains(c.Verdict, new[] { TimingVerdict.New, TimingVerdict.Removed }));
        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
        var nothing = Assert.Single(report.Checks, c => c.Name == TimingGate.NothingComparedName);
        Assert.Equal("no query was timed on both sides (2 only in this run, 2 only in the baseline): the timing suite judged nothing", nothing.Message);
    }

    [Fact]
    public void ToChecks_OneQueryRenamedBesideOthersCompared_Passes()
    {
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("trades_page/hot/7d", 1e6, 1e4, seed: 1), SyntheticTimings.Run("summary/hot/30d", 1e6, 1e4, seed: 2)],
            [SyntheticTimings.Run("trades_page/hot/7d", 1e6, 1e4, seed: 3), SyntheticTimings.Run("summaries/hot/30d", 1e6, 1e4, seed: 4)],
            Options,
            TimingDesign.Paired);
        var report = new GateReport([.. TimingGate.ToChecks(comparisons)], comparisons);

        // The verdict stands (the base's own rounds show no regression), but only the query compared on both sides passed.
        Assert.True(report.Passed, report.Reason);
        Assert.Equal(GateOutcome.Passed, Assert.Single(report.Checks, c => c.Name == "trades_page/hot/7d").Outcome);
        Assert.All(report.Checks.Where(c => c.Name != "trades_page/hot/7d"), c => Assert.Equal(GateOutcome.Skipped, c.Outcome));
        Assert.StartsWith("passed: 1 checks passed, 2 skipped", report.Reason, StringComparison.Ordinal);
        var junit = System.Xml.Linq.XDocument.Parse(JUnitXml.Render(report, new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(("3", "2"), (junit.Root!.Attribute("tests")!.Value, junit.Root.Attribute("skipped")!.Value));
    }

    [Fact]
    public void ToChecks_StoredBaselineLacksAQuery_IsAnErrorNotAPass()
    {
        // A baseline stored with --cases health/hot, and a run that times one more query, three times as slow as it should be.
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("health/hot", 1e6, 1e4, seed: 1)],
            [SyntheticTimings.Run("health/hot", 1e6, 1e4, seed: 2), SyntheticTimings.Run("trades_page/hot/7d", 3e6, 1e4, seed: 3)],
            Options,
            TimingDesign.Independent);
        var report = new GateReport([.. TimingGate.ToChecks(comparisons)], comparisons);

        var unvouched = Assert.Single(report.Checks, c => c.Name == "trades_page/hot/7d");
        Assert.Equal(GateOutcome.Error, unvouched.Outcome);
        Assert.StartsWith("NotInBaseline: measured in this run but not in the stored baseline", unvouched.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
    }

    [Fact]
    public void CompareAll_StoredBaseline_QueryOnOneSideOnly_IsAnError()
    {
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("a", 1e6, 1e4, seed: 1), SyntheticTimings.Run("gone", 1e6, 1e4, seed: 2)],
            [SyntheticTimings.Run("a", 1e6, 1e4, seed: 3), SyntheticTimings.Run("new", 1e6, 1e4, seed: 4)],
            Options,
            TimingDesign.Independent);
        var report = new GateReport([.. TimingGate.ToChecks(comparisons)], comparisons);

        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
        Assert.Equal(GateOutcome.Error, Assert.Single(report.Checks, c => c.Name == "gone").Outcome);
        Assert.Equal(GateOutcome.Error, Assert.Single(report.Checks, c => c.Name == "new").Outcome);
    }

    [Fact]
    public void CompareAll_Paired_QueryTheHeadNoLongerHas_RemovedAndPasses()
    {
        // Base and head revisions timed side by side: a pull request that removes or renames a query must be able to pass.
        var comparisons = TimingComparer.CompareAll(
            [SyntheticTimings.Run("a", 1e6, 1e4, seed: 1), SyntheticTimings.Run("gone", 1e6, 1e4, seed: 2)],
            [SyntheticTimings.Run("a", 1e6, 1e4, seed: 3), SyntheticTimings.Run("renamed", 1e6, 1e4, seed: 4)],
            Options,
            TimingDesign.Paired);
        var report = new GateReport([.. TimingGate.ToChecks(comparisons)], comparisons);

        Assert.Equal(TimingVerdict.Removed, Assert.Single(comparisons, c => c.Name == "gone").Verdict);
        Assert.Equal(TimingVerdict.New, Assert.Single(comparisons, c => c.Name == "renamed").Verdict);
        Assert.True(report.Passed, report.Reason);
        Assert.Contains("the head no longer has this query", Assert.Single(report.Checks, c => c.Name == "gone").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_SlowerInBothRounds_StaysARegression()
    {
        var first = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("a", 2e6, 4e4, seed: 2)], Options, TimingDesign.Independent);
        var second = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 5)], [SyntheticTimings.Run("a", 2.1e6, 4e4, seed: 3)], Options, TimingDesign.Independent);

        var confirmed = Assert.Single(TimingGate.Confirm(first, second));

        Assert.Equal(TimingVerdict.Slower, confirmed.Verdict);
        Assert.Contains("; confirmed: ", confirmed.Reason, StringComparison.Ordinal);
        Assert.Equal(GateOutcome.Failed, Assert.Single(TimingGate.ToChecks([confirmed])).Outcome);
    }

    [Fact]
    public void Confirm_SpikeNotReproduced_Passes()
    {
        var first = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("a", 3e6, 4e4, seed: 2)], Options, TimingDesign.Independent);
        var second = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 5)], [SyntheticTimings.Run("a", 1.02e6, 2e4, seed: 3)], Options, TimingDesign.Independent);

        var confirmed = Assert.Single(TimingGate.Confirm(first, second));

        Assert.Equal(TimingVerdict.Unchanged, confirmed.Verdict);
        Assert.StartsWith("not confirmed: the first rounds found it slower by ≥ 1.5×", confirmed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_ConfirmationMeasuredNothing_FailsClosed()
    {
        // The hole this closes: a crashed confirmation used to turn every suspect into "unchanged".
        var first = TimingComparer.CompareAll([SyntheticTimings.Run("a", 1e6, 2e4, seed: 1)], [SyntheticTimings.Run("a", 3e6, 4e4, seed: 2)], Options, TimingDesign.Independent);

        var confirmed = Assert.Single(TimingGate.Confirm(first, []));
        var report = new GateReport([.. TimingGate.ToChecks([confirmed])], [confirmed]);

        Assert.Equal(TimingVerdict.Missing, confirmed.Verdict);
        Assert.False(report.Passed);
        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
        Assert.Contains("the confirmation did not re-measure it", report.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TimingDesign.Paired)]
    [InlineData(TimingDesign.Independent)]
    public void Compare_MicrosecondsApartEveryRound_UnchangedUnderTheFloor(TimingDesign design)
    {
        // 20 µs against 35 µs in all 8 rounds: 1.75× and as significant as 8 rounds allow, but 15 µs is timer and scheduler noise.
        var @base = new TimingSeries("health", [.. Enumerable.Range(0, 8).Select(i => 20_000.0 + (100 * i))], 10);
        var head = new TimingSeries("health", [.. Enumerable.Range(0, 8).Select(i => 35_000.0 + (100 * i))], 10);

        var floored = TimingComparer.Compare(@base, head, Options, design);
        var unfloored = TimingComparer.Compare(@base, head, Options with { MinDifferenceMs = 0 }, design);

        Assert.Equal(TimingVerdict.Unchanged, floored.Verdict);
        Assert.StartsWith("medians 15 µs apart, under the 50 µs floor", floored.Reason, StringComparison.Ordinal);
        Assert.Equal(TimingVerdict.Slower, unfloored.Verdict);
    }

    [Fact]
    public void Compare_SubMillisecondQueryOneAndAHalfTimesSlower_StillSlower()
    {
        // The floor must not hide a real regression of the API's fastest queries (~0.7 ms here): 1.6× is 0.42 ms.
        var @base = new TimingSeries("health", [.. Enumerable.Range(0, 8).Select(i => 700_000.0 + (1000 * i))], 10);
        var head = new TimingSeries("health", [.. Enumerable.Range(0, 8).Select(i => 1_120_000.0 + (1000 * i))], 10);

        Assert.Equal(TimingVerdict.Slower, TimingComparer.Compare(@base, head, Options, TimingDesign.Paired).Verdict);
    }

    [Fact]
    public void RankTest_SmallestPValue_IsOneOverBinomial()
    {
        Assert.Equal(1 / 70.0, RankTest.SmallestPValue(4, 4), 12);
        Assert.Equal(1 / 252.0, RankTest.SmallestPValue(5, 5), 12);
        Assert.Equal(1 / 12870.0, RankTest.PValueGreater([11, 12, 13, 14, 15, 16, 17, 18], [1, 2, 3, 4, 5, 6, 7, 8]), 10);
        Assert.True(RankTest.PValueGreater([1, 2, 3, 4, 5, 6, 7, 8], [11, 12, 13, 14, 15, 16, 17, 18]) > 0.99);
    }

    [Fact]
    public void Compare_Paired_TwiceAsSlowUnderRoundToRoundContention_Slower()
    {
        // Contention multiplies whole rounds by up to 5×; within each round the head takes twice the base's time.
        double[] contention = [1.0, 4.2, 1.3, 2.8, 1.1, 5.0, 1.6, 3.3];
        var @base = new TimingSeries("q", [.. contention.Select(f => 1e6 * f)], 1);
        var head = new TimingSeries("q", [.. contention.Select((f, i) => 2e6 * f * (i % 2 == 0 ? 0.9 : 1.1))], 1);

        var paired = TimingComparer.Compare(@base, head, Options, TimingDesign.Paired);
        var independent = TimingComparer.Compare(@base, head, Options, TimingDesign.Independent);

        Assert.Equal(TimingVerdict.Slower, paired.Verdict);
        Assert.Equal(2.0, paired.Ratio, 6);
        Assert.Equal(1 / 256.0, paired.PValue!.Value, 10);
        Assert.Contains("8 of 8 slower", paired.Reason, StringComparison.Ordinal);
        Assert.Contains("Wilcoxon signed-rank p = 0.0039", paired.Reason, StringComparison.Ordinal);
        Assert.Equal(@base.RoundMediansNs, paired.BaselineRoundsNs);
        Assert.Equal(head.RoundMediansNs, paired.CurrentRoundsNs);
        // The same numbers as two independent samples overlap: the rounds' spread hides the regression.
        Assert.Equal(TimingVerdict.Unchanged, independent.Verdict);
    }

    [Fact]
    public void Compare_Paired_OneRoundDisagreesByTheMost_NotSignificant()
    {
        // Seven rounds 1.6× slower, one round where the head was hit hardest: W⁺ = 28 of 36 (seven tied ranks), p = 30/256.
        double[] @base = [1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6];
        double[] head = [1.6e6, 1.6e6, 1.6e6, 1.6e6, 1.6e6, 1.6e6, 1.6e6, 0.3e6];

        var timing = TimingComparer.Compare(new TimingSeries("q", @base, 1), new TimingSeries("q", head, 1), Options, TimingDesign.Paired);

        Assert.Equal(TimingVerdict.Unchanged, timing.Verdict);
        Assert.Equal(30 / 256.0, timing.PValue!.Value, 12);
        Assert.StartsWith("difference within the rounds' spread", timing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Paired_EqualUnderContention_Unchanged()
    {
        double[] contention = [1.0, 4.2, 1.3, 2.8, 1.1, 5.0, 1.6, 3.3];
        var @base = new TimingSeries("q", [.. contention.Select((f, i) => 1e6 * f * (i % 3 == 0 ? 1.05 : 0.97))], 1);
        var head = new TimingSeries("q", [.. contention.Select((f, i) => 1e6 * f * (i % 2 == 0 ? 1.02 : 0.99))], 1);

        Assert.Equal(TimingVerdict.Unchanged, TimingComparer.Compare(@base, head, Options, TimingDesign.Paired).Verdict);
    }

    [Fact]
    public void Compare_Paired_RoundMissingOnOneSide_InconclusiveIsAnError()
    {
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 1e6, 1e3, seed: 1), SyntheticTimings.Run("q", 3e6, 1e3, seed: 2, rounds: 7), Options, TimingDesign.Paired);

        Assert.Equal(TimingVerdict.Inconclusive, timing.Verdict);
        Assert.Contains("cannot be paired", timing.Reason, StringComparison.Ordinal);
        Assert.Equal(GateOutcome.Error, Assert.Single(TimingGate.ToChecks([timing])).Outcome);
    }

    [Fact]
    public void Compare_Paired_SixRounds_Inconclusive()
    {
        // Six pairs: the signed-rank test's smallest p is 1/64 > 0.01.
        var timing = TimingComparer.Compare(SyntheticTimings.Run("q", 1e6, 1e3, seed: 1, rounds: 6), SyntheticTimings.Run("q", 3e6, 1e3, seed: 2, rounds: 6), Options, TimingDesign.Paired);

        Assert.Equal(TimingVerdict.Inconclusive, timing.Verdict);
    }

    [Fact]
    public void RankTest_SignedRank_ExactAgainstEnumeration()
    {
        // Checked by enumerating every sign assignment.
        Assert.Equal(7 / 32.0, RankTest.SignedRankPValueGreater([1, 2, 3, -4, 5]), 12);
        Assert.Equal(2 / 256.0, RankTest.SignedRankPValueGreater([1, 2, 3, 4, 5, 6, 7, -0.5]), 12);
        Assert.Equal(3 / 256.0, RankTest.SignedRankPValueGreater([1, 2, 3, 4, 5, 6, 7, -1.5]), 12);
        // Ties share mid-ranks and zeros drop out: five pairs remain.
        Assert.Equal(4 / 32.0, RankTest.SignedRankPValueGreater([0.5, 0.5, -0.5, 2, 3, 0]), 12);
        Assert.Equal(1.0, RankTest.SignedRankPValueGreater([-1, -2, -3]), 12);
        Assert.Equal(1.0, RankTest.SignedRankPValueGreater([0, 0]), 12);
        Assert.Equal(1 / 256.0, RankTest.SmallestSignedRankPValue(8), 12);
    }
}
