using Perf.Analysis.Capacity;
using Perf.Load.Overhead;

namespace Perf.Tests.Load;

public sealed class OverheadReportTests
{
    [Fact]
    public void Difference_DisjointButUnderTheClaimThresholds_NotMeasurable()
    {
        // 1.00 ms [0.98–1.02] against 1.10 ms [1.08–1.12]: the intervals are apart, but 1.1× and 0.1 ms are under 1.2× and 1 ms.
        var database = Estimate(1.00, 0.98, 1.02);
        var api = Estimate(1.10, 1.08, 1.12);

        Assert.EndsWith("(under 1.2× or 1 ms: not measurable)", OverheadReport.Difference(database, api, ClaimThresholds.Default), StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_DisjointAndOverTheClaimThresholds_Measurable()
    {
        var text = OverheadReport.Difference(Estimate(2, 1.9, 2.1), Estimate(5, 4.8, 5.2), ClaimThresholds.Default);

        Assert.StartsWith("+", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not measurable", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_OverlappingIntervals_NotMeasurable() =>
        Assert.EndsWith("(intervals overlap: not measurable)", OverheadReport.Difference(Estimate(2, 1.5, 3), Estimate(5, 2.5, 6), ClaimThresholds.Default), StringComparison.Ordinal);

    [Fact]
    public void Difference_JustUnderTheAbsoluteFloor_PrintedUnderIt()
    {
        // 0.9996 ms apart, under the 1 ms floor, which three significant digits printed as "+1.00 ms".
        Assert.Equal("+0.9996 ms (under 1.2× or 1 ms: not measurable)", OverheadReport.Difference(Estimate(2, 1.9, 2.1), Estimate(2.9996, 2.8, 3.2), ClaimThresholds.Default));
    }

    [Fact]
    public void Conclusion_RatioJustUnderTheTarget_PrintedUnderIt()
    {
        // 0.698× against ≥ 0.7×: two decimals printed it "0.70×" beside a target it does not reach.
        var conclusion = OverheadReport.Conclusion(new OverheadResult(50, [], [], new CapacityRatio(0.698, 0.698, 0.75), 0.7));

        Assert.StartsWith("The API with its cache off sustains 0.698× the database-only capacity (0.698–0.75× within the rate steps): it cannot be judged", conclusion, StringComparison.Ordinal);
    }

    private static QuantileEstimate Estimate(double value, double lower, double upper) => new(50, 1_000, value, lower, upper, 0.95, 3) { AtLeast = lower };
}
