using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class ClaimRuleTests
{
    private static readonly ExactWork Range337 = new(337, 12, 0, 1, false, false, "range on idx_trades_profile_time");

    [Fact]
    public void Compare_SameWorkOneSlowOutlier_SamePlanNoDifference()
    {
        // The trades_page/hot/1d: same 337 rows, one 50 ms stall in one variant's rounds.
        var a = Rounds(12, 3, i => 1.0 + (0.01 * (i % 5)));
        var b = Rounds(12, 3, i => i == 17 ? 50.2 : 1.0 + (0.01 * ((i + 2) % 5)));

        var comparison = ClaimRule.Compare(Range337, b, Range337, a, ClaimThresholds.Default, 0.05);

        Assert.Equal(DifferenceKind.SamePlanNoDifference, comparison.Kind);
        Assert.False(comparison.IsClaim);
    }

    [Fact]
    public void Compare_SameWorkEveryRoundTwiceAsSlow_TimingClaimWithPValue()
    {
        var fast = Rounds(12, 3, i => 5.0 + (0.1 * (i % 7)));
        var slow = Rounds(12, 3, i => 10.0 + (0.1 * (i % 7)));

        var comparison = ClaimRule.Compare(Range337, slow, Range337, fast, ClaimThresholds.Default, 0.05 / 50);

        Assert.Equal(DifferenceKind.TimingDiffers, comparison.Kind);
        Assert.True(comparison.PValue < 0.001);
        Assert.InRange(comparison.Ratio, 1.9, 2.1);
        Assert.False(comparison.CandidateBetter);
    }

    [Fact]
    public void Compare_SignificantButBelowTheFloor_NoClaim()
    {
        // 0.4 ms vs 0.6 ms every round: 1.5× and significant, but below the 1 ms floor.
        var comparison = ClaimRule.Compare(Range337, Rounds(12, 3, _ => 0.6), Range337, Rounds(12, 3, _ => 0.4), ClaimThresholds.Default, 0.05);

        Assert.False(comparison.IsClaim);
    }

    [Fact]
    public void Compare_FewRounds_CannotBeSignificant()
    {
        // Two rounds a side: no Mann–Whitney p-value can fall below 0.05, however far apart. That is "cannot tell", not "no difference".
        var comparison = ClaimRule.Compare(Range337, Rounds(2, 5, _ => 100), Range337, Rounds(2, 5, _ => 10), ClaimThresholds.Default, 0.05);

        Assert.False(comparison.IsClaim);
        Assert.True(comparison.PValue >= 0.05);
        Assert.Equal(DifferenceKind.CannotTell, comparison.Kind);
        Assert.Equal(TimingVerdict.CannotTell, comparison.Timing);
        Assert.Equal(2, comparison.Rounds);
        Assert.Equal(4, comparison.RoundsNeeded); // 2 / C(8, 4) = 0.029
    }

    [Fact]
    public void Compare_FiveRoundsTenTimesSlowerOver48Comparisons_CannotTellNeedsSeven()
    {
        // α 0.05 / 48 = 0.00104 per comparison; the smallest two-sided p with 5 rounds a side is 2 / 252 = 0.0079.
        var comparison = ClaimRule.Compare(Range337, Rounds(5, 3, _ => 100), Range337, Rounds(5, 3, _ => 10), ClaimThresholds.Default, 0.05 / 48);

        Assert.Equal(DifferenceKind.CannotTell, comparison.Kind);
        Assert.Equal(7, comparison.RoundsNeeded); // 2 / C(14, 7) = 0.00058
    }

    [Fact]
    public void Compare_OneExecutionARoundTooFewForTheMedianInterval_StillClaimsTheDifference()
    {
        // A slow query cut to one execution a round: 5 rounds at α 0.025 (the fewest that can reach it), 5 samples a side,
        // fewer than a median's interval needs. Three times as slow in every round is a difference, not "no difference".
        var comparison = ClaimRule.Compare(Range337, Rounds(5, 1, i => 300 + i), Range337, Rounds(5, 1, i => 100 + i), ClaimThresholds.Default, 0.025);

        Assert.False(comparison.CandidateMedian.IsBounded);
        Assert.True(comparison.PValue < 0.025);
        Assert.Equal(DifferenceKind.TimingDiffers, comparison.Kind);
        Assert.Equal(TimingVerdict.Slower, comparison.Timing);
        Assert.InRange(comparison.Ratio, 2.9, 3.1);
    }

    [Fact]
    public void Compare_EnoughRoundsForAlpha_NotCannotTell()
    {
        var comparison = ClaimRule.Compare(Range337, Rounds(7, 3, _ => 10), Range337, Rounds(7, 3, _ => 10), ClaimThresholds.Default, 0.05 / 48);

        Assert.Equal(DifferenceKind.SamePlanNoDifference, comparison.Kind);
        Assert.Equal(TimingVerdict.NoDifference, comparison.Timing);
    }

    [Fact]
    public void Compare_WorkDiffers_ClaimEvenWithEqualTimings()
    {
        var scan = new ExactWork(98_644, 2_211, 0, null, false, false, "ref on uk_metrics_window");
        var seek = new ExactWork(752, 40, 0, null, false, false, "range on idx_metrics_profile_window");
        var same = Rounds(12, 3, _ => 2.0);

        var comparison = ClaimRule.Compare(seek, same, scan, same, ClaimThresholds.Default, 0.05);

        Assert.Equal(DifferenceKind.WorkDiffers, comparison.Kind);
        Assert.True(comparison.CandidateBetter);
        Assert.Equal(752 / 98_644.0, comparison.Ratio, 9);
    }

    [Fact]
    public void Compare_WorkDiffersEqualTimings_TimingSaysNoDifference()
    {
        var scan = new ExactWork(98_644, 2_211, 0, null, false, false, "ref on uk_metrics_window");
        var seek = new ExactWork(752, 40, 0, null, false, false, "range on idx_metrics_profile_window");

        var comparison = ClaimRule.Compare(seek, Rounds(12, 3, _ => 2.0), scan, Rounds(12, 3, _ => 2.0), ClaimThresholds.Default, 0.05);

        Assert.Equal(TimingVerdict.NoDifference, comparison.Timing);
    }

    [Fact]
    public void Compare_MoreWorkYetFaster_WorkClaimWithTimingContradictingIt()
    {
        // The reference report's summary/hot/1y at 10M: Composite examined 28,066 rows against Basic's 11,915 and took 92 ms against 236.
        var composite = new ExactWork(28_066, 48_245, 0, null, true, true, "range on idx_metrics_profile_window");
        var basic = new ExactWork(11_915, 40_582, 0, null, false, false, "ref on idx_metrics_profile_type_name");

        var comparison = ClaimRule.Compare(composite, Rounds(8, 9, i => 90 + (i % 5)), basic, Rounds(8, 9, i => 230 + (i % 7)), ClaimThresholds.Default, 0.05);

        Assert.Equal(DifferenceKind.WorkDiffers, comparison.Kind);
        Assert.False(comparison.CandidateBetter);
        Assert.Equal(TimingVerdict.Faster, comparison.Timing);
    }

    [Fact]
    public void Compare_WorkWithinThreshold_NotAWorkClaim()
    {
        // 20,054 vs 19,513 rows (2.8 %) is not a meaningful work difference.
        var a = new ExactWork(20_054, 400, 0, 1, false, true, "range on idx_trades_profile_time");
        var b = new ExactWork(19_513, 390, 0, null, false, true, "range on idx_trades_profile_time");

        var comparison = ClaimRule.Compare(a, Rounds(12, 3, _ => 40), b, Rounds(12, 3, _ => 40), ClaimThresholds.Default, 0.05);

        Assert.Equal(DifferenceKind.NoMeasurableDifference, comparison.Kind);
    }

    [Fact]
    public void Compare_AddedFilesort_WorkDiffers()
    {
        var sorted = Range337 with { Filesort = true };

        var comparison = ClaimRule.Compare(sorted, Rounds(6, 3, _ => 1), Range337, Rounds(6, 3, _ => 1), ClaimThresholds.Default, 0.05);

        Assert.Equal(DifferenceKind.WorkDiffers, comparison.Kind);
        Assert.False(comparison.CandidateBetter);
    }

    [Fact]
    public void TwoSidedPValue_IdenticalSamples_NotSignificant() =>
        Assert.True(ClaimRule.TwoSidedPValue([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]) > 0.5);

    [Fact]
    public void TwoSidedPValue_SixRoundsCompletelySeparated_TwiceTheOneSidedMinimum() =>
        // 2 / C(12, 6) = 2 / 924.
        Assert.Equal(2 / 924.0, ClaimRule.TwoSidedPValue([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12])!.Value, 9);

    private static IReadOnlyList<IReadOnlyList<double>> Rounds(int rounds, int executions, Func<int, double> value) =>
        [.. Enumerable.Range(0, rounds).Select(r => (IReadOnlyList<double>)[.. Enumerable.Range(0, executions).Select(e => value((r * executions) + e))])];
}
