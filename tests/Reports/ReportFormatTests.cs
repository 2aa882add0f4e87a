using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class ReportFormatTests
{
    [Theory]
    // Rounded onto the limit from either side: decimals until the text is on the value's side.
    [InlineData(499.6, "0", 500, "499.6")]
    [InlineData(500.4, "0", 500, "500.4")]
    [InlineData(499.96, "0", 500, "499.96")]
    [InlineData(1.496, "0.00", 1.5, "1.496")]
    [InlineData(1.504, "0.00", 1.5, "1.504")]
    [InlineData(0.896, "0.00", 0.9, "0.896")]
    [InlineData(499.996, "0.##", 500, "499.996")]
    [InlineData(49.999, "0.##", 50, "49.999")]
    // Rounded across the limit: 0.6666 is under 1 / 1.5 (0.66667), which "0.67" is not.
    [InlineData(0.6666, "0.00", 1 / 1.5, "0.6666")]
    // Clear of the limit, on it exactly, or with no limit: as the format alone.
    [InlineData(472.3, "0", 500, "472")]
    [InlineData(1.2, "0.00", 1.5, "1.20")]
    [InlineData(500, "0", 500, "500")]
    [InlineData(1.5, "0.00", 1.5, "1.50")]
    [InlineData(499.6, "0", double.NaN, "500")]
    // Still on the limit after four more decimals: rounded toward the value's side there.
    [InlineData(499.999999, "0", 500, "499.9999")]
    [InlineData(500.000001, "0.##", 500, "500.000001")]
    [InlineData(500.0000001, "0", 500, "500.0001")]
    public void Against_RoundedOntoOrAcrossTheLimit_AddsDecimalsUntilOnTheValuesSide(double value, string format, double limit, string expected)
    {
        Assert.Equal(expected, ReportFormat.Against(value, format, limit));
    }

    [Theory]
    [InlineData(499.6, 500, "499.6 ms")]
    [InlineData(500.4, 500, "500.4 ms")]
    [InlineData(99.96, 100, "99.96 ms")]
    [InlineData(9.996, 10, "9.996 ms")]
    [InlineData(472.3, 500, "472 ms")]
    [InlineData(999.7, 1000, "999.7 ms")]
    public void Ms_BesideALimit_NeverReadsAsTheLimit(double ms, double limitMs, string expected)
    {
        Assert.Equal(expected, ReportFormat.Ms(ms, limitMs));
        // Without a limit it keeps three significant digits, as every report printed before.
        Assert.Equal(ms.ToString(ms >= 100 ? "0" : ms >= 10 ? "0.0" : "0.00", System.Globalization.CultureInfo.InvariantCulture) + " ms", ReportFormat.Ms(ms));
    }

    [Fact]
    public void Ratio_BesideALimit_NeverReadsAsTheLimit()
    {
        Assert.Equal(["1.496×", "1.504×", "4.8×", "0.896×"], [ReportFormat.Ratio(1.496, 1.5), ReportFormat.Ratio(1.504, 1.5), ReportFormat.Ratio(4.8, 1.5), ReportFormat.Ratio(0.896, 0.9)]);
    }

    [Fact]
    public void BandAndEstimate_BesideALimit_EachFigureOnItsSide()
    {
        Assert.Equal("480 ms [470–499.6]", ReportFormat.Band(480.2, 470.1, 499.6, 500));
        Assert.Equal("480 ms [470–500]", ReportFormat.Band(480.2, 470.1, 499.6));
        Assert.Equal("499.7 ms [499.6–500.3]", ReportFormat.Estimate(new QuantileEstimate(95, 100, 499.7, 499.6, 500.3, 0.95, 72), 500));
        Assert.Equal("≥ 499.8 ms (an interval needs ≥ 72 samples: 8)", ReportFormat.Estimate(new QuantileEstimate(95, 8, null, null, null, 0, 72) { AtLeast = 499.8 }, 500));
    }
}
