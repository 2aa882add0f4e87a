using Perf.Analysis.Gates;

namespace Perf.Tests.Gates;

public sealed class FloorCheckTests
{
    [Fact]
    public void Judge_EveryPairAboveTheFloor_Holds()
    {
        // Reference 10 s; candidate 10.5–11 s: ratios 0.91–0.95, all above 0.9.
        var check = FloorCheck.Judge([10, 10, 10, 10, 10], [10.5, 10.6, 10.8, 11, 10.9], 0.9);

        Assert.Equal(FloorVerdict.Holds, check.Verdict);
        Assert.Equal(1 / 32.0, check.PValue!.Value, 12);
        Assert.Equal(10 / 10.8, check.MedianRatio, 12);
    }

    [Fact]
    public void Judge_EveryPairBelowTheFloor_Below()
    {
        var check = FloorCheck.Judge([10, 10, 10, 10, 10], [12, 12.5, 13, 11.5, 12.2], 0.9);

        Assert.Equal(FloorVerdict.Below, check.Verdict);
        Assert.Equal(1 / 32.0, check.PValue!.Value, 12);
    }

    [Fact]
    public void Judge_PairsStraddleTheFloor_NotSettledWhateverTheMedian()
    {
        // Median ratio 0.93, above the floor, but two pairs fall below it: the pairs do not carry "holds".
        var check = FloorCheck.Judge([10, 10, 10, 10, 10, 10], [10.5, 12, 10.7, 11.8, 10.6, 10.8], 0.9);

        Assert.True(check.MedianRatio > 0.9);
        Assert.Equal(FloorVerdict.NotSettled, check.Verdict);
        Assert.Contains("more pairs", check.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TooFewPairs_NotSettledAndSaysHowMany()
    {
        // Three pairs far above the floor: the smallest p three pairs can give is 1/8.
        var check = FloorCheck.Judge([10, 10, 10], [9, 9, 9], 0.9);

        Assert.Equal(FloorVerdict.NotSettled, check.Verdict);
        Assert.Null(check.PValue);
        Assert.Equal(5, FloorCheck.FewestPairs);
        Assert.Contains("needs at least 5", check.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RatiosJustUnderTheFloor_PrintedUnderIt()
    {
        // Ratios 0.895–0.897, below the 0.9 floor, which two decimals printed as "0.90".
        var check = FloorCheck.Judge([10, 10, 10, 10, 10], [11.16, 11.17, 11.15, 11.16, 11.17], 0.9);

        Assert.Equal(FloorVerdict.Below, check.Verdict);
        Assert.StartsWith("median of 5 pairs' ratios 0.896 (pairs 0.895–0.897, 0 at or above 0.90); below the floor", check.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UnequalSides_Throws()
    {
        Assert.Throws<ArgumentException>(() => FloorCheck.Judge([10, 10], [10], 0.9));
        Assert.Throws<ArgumentException>(() => FloorCheck.Judge([10, 0], [10, 10], 0.9));
    }
}
