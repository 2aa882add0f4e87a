using Perf.Analysis.Capacity;
using Perf.Analysis.Gates;
using TimingVerdict = Perf.Analysis.Gates.TimingVerdict;

namespace Perf.Tests.Gates;

public sealed class RankTestTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    public void PValueGreater_CompletelySeparatedLargeSamples_OneOverBinomial(int rounds)
    {
        // Perfolizer 0.6.1's ClassicExact threw past 65 values in all (and allocated ~816 MB at 100 a side first).
        var p = RankTest.PValueGreater([.. Enumerable.Range(rounds + 1, rounds).Select(i => (double)i)], [.. Enumerable.Range(1, rounds).Select(i => (double)i)]);

        Assert.InRange(p / RankTest.SmallestPValue(rounds, rounds), 1 - 1e-9, 1 + 1e-9);
    }

    [Fact]
    public void ExactLowerTail_SmallSizes_MatchesEveryArrangementCounted()
    {
        // Every way of choosing which 3 of 7 ranks are x's, U = Σ(rank of x) − 3·4/2.
        var counts = new int[13];
        for (var a = 1; a <= 7; a++)
        {
            for (var b = a + 1; b <= 7; b++)
            {
                for (var c = b + 1; c <= 7; c++)
                {
                    counts[a + b + c - 6]++;
                }
            }
        }

        for (var k = 0; k <= 12; k++)
        {
            Assert.Equal(counts.Take(k + 1).Sum() / 35.0, RankTest.ExactLowerTail(3, 4, k), 12);
        }
    }

    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    public void PValueGreater_OverlappingLargeSamples_SymmetricAndBetweenZeroAndOne(int rounds)
    {
        // x: 1, 3, 5, …; y: 2, 4, 6, … shifted by 10 %: overlapping, so the p-value comes from the body of the distribution.
        var x = Enumerable.Range(0, rounds).Select(i => (2.0 * i) + (0.2 * rounds)).ToArray();
        var y = Enumerable.Range(0, rounds).Select(i => (2.0 * i) + 1).ToArray();

        var greater = RankTest.PValueGreater(x, y);
        var less = RankTest.PValueGreater(y, x);

        Assert.InRange(greater, 0, 0.5);
        // P(U ≥ u) + P(U ≤ u − 1) = 1, and P(U' ≥ nm − u + 1) = P(U ≤ u − 1) by symmetry.
        var u = (long)RankTest.UStatistic(x, y);
        Assert.Equal(1, greater + RankTest.PValueGreater(rounds, rounds, ((long)rounds * rounds) - u + 1), 9);
        Assert.True(less > 0.5);
    }

    [Theory]
    [InlineData(100, 6_265)] // p ≈ 0.001
    [InlineData(100, 6_523)] // p ≈ 0.0001
    [InlineData(60, 2_389)] // p ≈ 0.001
    public void NormalPValueGreater_WhereExactIsFeasible_ConservativeAndClose(int rounds, long u)
    {
        // The approximation stands in for the exact distribution beyond RankTest.ExactBudget; check it where both exist.
        var exact = RankTest.PValueGreater(rounds, rounds, u);
        var normal = RankTest.NormalPValueGreater(rounds, rounds, u);

        Assert.InRange(exact, 1e-5, 2e-3);
        Assert.InRange(normal / exact, 1, 1.2);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    public void ClaimRuleCompare_ManyRoundsTwiceAsSlow_TimingClaim(int rounds)
    {
        var work = new ExactWork(337, 12, 0, 1, false, false, "range on idx_trades_profile_time");
        IReadOnlyList<IReadOnlyList<double>> Rounds(double ms) => [.. Enumerable.Range(0, rounds).Select(r => (IReadOnlyList<double>)[ms + (0.01 * (r % 7)), ms + 0.02, ms + 0.03])];

        var comparison = ClaimRule.Compare(work, Rounds(10), work, Rounds(5), ClaimThresholds.Default, 0.05 / 48);

        Assert.Equal(DifferenceKind.TimingDiffers, comparison.Kind);
        Assert.True(comparison.PValue < 1e-10);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    public void TimingComparerCompare_ManyIndependentRounds_JudgesInsteadOfThrowing(int rounds)
    {
        var baseline = SyntheticTimings.Run("q", 2e6, 1e5, seed: 1, rounds);
        var slower = SyntheticTimings.Run("q", 4e6, 1e5, seed: 2, rounds);
        var same = SyntheticTimings.Run("q", 2e6, 1e5, seed: 3, rounds);

        Assert.Equal(TimingVerdict.Slower, TimingComparer.Compare(baseline, slower, TimingGateOptions.Default, TimingDesign.Independent).Verdict);
        Assert.Equal(TimingVerdict.Unchanged, TimingComparer.Compare(baseline, same, TimingGateOptions.Default, TimingDesign.Independent).Verdict);
    }
}
