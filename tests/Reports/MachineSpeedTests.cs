using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class MachineSpeedTests
{
    [Fact]
    public void MedianAndRange_OddAndEvenReadings()
    {
        Assert.Equal(5.2, Speed(6.0, 4.9, 5.2).MedianMs, 9);
        var even = Speed(6.0, 4.9, 5.2, 5.0);
        Assert.Equal((5.1, 4.9, 6.0), (Math.Round(even.MedianMs, 9), even.LowestMs, even.HighestMs));
        Assert.Equal("5.10 ms [4.90–6.00]", even.ToString());
    }

    [Theory]
    [InlineData(new[] { 5.0, 5.3 }, new[] { 5.31, 5.9 }, true)]
    [InlineData(new[] { 5.31, 5.9 }, new[] { 5.0, 5.3 }, true)]
    [InlineData(new[] { 5.0, 5.3 }, new[] { 5.3, 5.9 }, false)] // one reading shared: overlapping
    [InlineData(new[] { 5.0, 6.0 }, new[] { 5.4, 5.5 }, false)] // one inside the other's range
    public void DiffersFrom_OnlyWhenNoReadingOverlaps(double[] first, double[] second, bool differs)
    {
        Assert.Equal(differs, Speed(first).DiffersFrom(Speed(second)));
        Assert.Equal(differs, Speed(second).DiffersFrom(Speed(first)));
    }

    private static MachineSpeed Speed(params double[] readings) => new(readings);
}
