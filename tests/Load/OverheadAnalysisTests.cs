using Perf.Analysis.Capacity;
using Perf.Load.Capacity;
using Perf.Load.Measurement;
using Perf.Load.Overhead;
using Perf.Load.Reports;

namespace Perf.Tests.Load;

/// <summary>The pure parts of <c>load overhead</c>: the capacity ratio with its bounds, and percentile intervals read from histograms.</summary>
public sealed class OverheadAnalysisTests
{
    private static readonly RunConfiguration Configuration = new("t", "dashboard:1", "open", "rate", 10, 0, 0, 1, 0, false, 30, 1, [], null);

    [Theory]
    [InlineData(300.0, 350.0, 450.0, 500.0, 0.60, 0.78, null)]
    [InlineData(400.0, 420.0, 450.0, 460.0, 0.87, 0.93, true)]
    [InlineData(200.0, 210.0, 450.0, 460.0, 0.43, 0.47, false)]
    [InlineData(400.0, null, 500.0, 520.0, 0.77, double.PositiveInfinity, true)]
    [InlineData(300.0, 310.0, 1000.0, null, 0, 0.31, false)]
    public void CapacityRatio_SpansWhatTheStepsLeaveOpen(double apiPass, double? apiFail, double dbPass, double? dbFail, double low, double high, bool? meets)
    {
        var ratio = CapacityRatio.Of(Search(apiPass, apiFail), Search(dbPass, dbFail));

        Assert.Equal(apiPass / dbPass, ratio.Value!.Value, 6);
        Assert.Equal(low, ratio.Low, 2);
        Assert.Equal(high, ratio.High, 2);
        Assert.Equal(meets, ratio.Meets(0.7));
    }

    [Fact]
    public void CapacityRatio_DatabaseMetNoStep_IsUnknown()
    {
        var ratio = CapacityRatio.Of(Search(100, 110), Search(null, 10));

        Assert.Null(ratio.Value);
        Assert.Null(ratio.Meets(0.7));
    }

    [Fact]
    public void EstimateMs_FromAHistogram_EqualsTheEstimateFromTheRawSamples()
    {
        // Whole microseconds below 2048 are exact at 3 significant digits, so the histogram loses nothing.
        var random = new Random(7);
        var micros = Enumerable.Range(0, 500).Select(_ => (long)random.Next(100, 2000)).ToList();
        var histogram = Histograms.Create();
        micros.ForEach(histogram.RecordValue);

        foreach (var percentile in new[] { 50.0, 95.0, 99.0 })
        {
            var expected = OrderStatistics.Estimate([.. micros.Select(m => m / 1000.0)], percentile);
            var actual = Histograms.EstimateMs(histogram, percentile);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void EstimateMs_TooFewSamples_SaysWhatItNeeds()
    {
        var histogram = Histograms.Create();
        histogram.RecordValue(1500);

        var estimate = Histograms.EstimateMs(histogram, 95);

        Assert.False(estimate.IsBounded);
        Assert.Equal(OrderStatistics.SamplesNeeded(95), estimate.SamplesNeeded);
    }

    private static CapacityResult Search(double? maxPassing, double? firstFailing) => new(maxPassing, firstFailing, Configuration, []);
}
