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
    [InlineData(280.0, false, 400.0, false, 0.7, "=", true)]
    [InlineData(240.0, false, 400.0, false, 0.6, "=", false)]
    [InlineData(400.0, false, 400.0, true, 1.0, "≤", null)]
    [InlineData(200.0, false, 400.0, true, 0.5, "≤", false)]
    [InlineData(400.0, true, 500.0, false, 0.8, "≥", true)]
    public void CapacityRatio_IsExactOrBoundedByTheSearchThatReachedItsMaximum(double api, bool apiAtMax, double database, bool databaseAtMax, double ratio, string bound, bool? meets)
    {
        var result = CapacityRatio.Of(Search(api, apiAtMax), Search(database, databaseAtMax));

        Assert.Equal(ratio, result.Value!.Value, 6);
        Assert.Equal(bound, result.Bound);
        Assert.Equal(meets, result.Meets(0.7));
    }

    [Fact]
    public void CapacityRatio_UnknownWhenTheDatabaseMetNoStepOrBothReachedTheMaximum()
    {
        Assert.Null(CapacityRatio.Of(Search(100, false), Search(null, false)).Value);
        var both = CapacityRatio.Of(Search(400, true), Search(400, true));
        Assert.Null(both.Value);
        Assert.Null(both.Meets(0.7));
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

    private static CapacityResult Search(double? maxPassing, bool reachedMax) =>
        new(maxPassing, reachedMax || maxPassing is null ? (maxPassing is null ? 10 : null) : maxPassing + 20, Configuration, []);
}
