using Perf.Analysis.Capacity;
using Perf.Harness.Reports;
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

    /// <summary>
    /// An INVALID step is a saturated generator, not a capacity: the arm it stopped has no upper bound. The first case is
    /// results/2026-12-03-overhead-small (database 425, INVALID at 450; API 350, FAIL at 375), whose 0.78–0.88× read as
    /// "meets ≥ 0.7×" when the INVALID step counted as a bound.
    /// </summary>
    [Theory]
    [InlineData(350.0, 375.0, false, 425.0, 450.0, true, 0, 0.88, null)]
    [InlineData(200.0, 210.0, true, 450.0, 460.0, false, 0.43, double.PositiveInfinity, null)]
    [InlineData(400.0, 420.0, true, 450.0, 460.0, false, 0.87, double.PositiveInfinity, true)]
    [InlineData(200.0, 210.0, false, 450.0, 460.0, true, 0, 0.47, false)]
    public void CapacityRatio_StoppedByAnInvalidStep_HasNoUpperBoundThere(double apiPass, double apiStop, bool apiInvalid, double dbPass, double dbStop, bool dbInvalid, double low, double high, bool? meets)
    {
        var ratio = CapacityRatio.Of(Search(apiPass, apiStop, apiInvalid), Search(dbPass, dbStop, dbInvalid));

        Assert.True(ratio.StoppedInvalid);
        Assert.Equal(low, ratio.Low, 2);
        Assert.Equal(high, ratio.High, 2);
        Assert.Equal(meets, ratio.Meets(0.7));
    }

    [Fact]
    public void Conclusion_DatabaseStoppedInvalid_SaysItCannotBeJudgedAndWhy()
    {
        var ratio = CapacityRatio.Of(Search(350, 375), Search(425, 450, invalid: true));

        var conclusion = OverheadReport.Conclusion(new OverheadResult(50, [], [], ratio, 0.7));

        Assert.Contains("(at most 0.88× within the rate steps)", conclusion, StringComparison.Ordinal);
        Assert.Contains("cannot be judged against the target: a search stopped on an INVALID step", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("meets", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void CapacityRatio_DatabaseMetNoStep_IsUnknown()
    {
        var ratio = CapacityRatio.Of(Search(100, 110), Search(null, 10));

        Assert.Null(ratio.Value);
        Assert.Null(ratio.Meets(0.7));
    }

    [Theory]
    [InlineData(nameof(Verdict.Invalid), "INVALID")]
    [InlineData(nameof(Verdict.NotSettled), "NOT SETTLED")]
    public void Conclusion_ApiFirstStepBoundsNothing_CapacityUnknownNotZeroAndNoVerdict(string firstStep, string word)
    {
        var ratio = CapacityRatio.Of(Stopped(null, 40, Enum.Parse<Verdict>(firstStep)), Search(400, 425));

        var conclusion = OverheadReport.Conclusion(new OverheadResult(40, [], [], ratio, 0.7));

        Assert.Null(ratio.Value);
        Assert.Null(ratio.Meets(0.7));
        Assert.Contains("passed no step, so its share of the database-only capacity is not measured", conclusion, StringComparison.Ordinal);
        Assert.Contains($"a search stopped on a{(word == "INVALID" ? "n" : string.Empty)} {word} step", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("0.00×", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("meets", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("misses", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void Conclusion_ApiMissedItsFirstStep_MissesByTheBoundItGivesNotByZero()
    {
        // The API missed 40 req/s, where the database passed 400: its capacity is under 40, at most 0.10× the database's.
        var ratio = CapacityRatio.Of(Search(null, 40), Search(400, 425));

        var conclusion = OverheadReport.Conclusion(new OverheadResult(40, [], [], ratio, 0.7));

        Assert.Equal(false, ratio.Meets(0.7));
        Assert.Contains("passed no step", conclusion, StringComparison.Ordinal);
        Assert.Contains("(at most 0.10× within the rate steps): it misses the target", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("0.00×", conclusion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(350.0, 375.0, nameof(Verdict.Fail), "350 req/s")]
    [InlineData(425.0, 450.0, nameof(Verdict.Invalid), "≥ 425 req/s")]
    [InlineData(425.0, 450.0, nameof(Verdict.NotSettled), "≥ 425 req/s")]
    [InlineData(1000.0, null, nameof(Verdict.Pass), "≥ 1000 req/s")]
    [InlineData(null, 40.0, nameof(Verdict.Fail), "< 40 req/s")]
    [InlineData(null, 40.0, nameof(Verdict.Invalid), "unknown (first step INVALID)")]
    [InlineData(null, 40.0, nameof(Verdict.NotSettled), "unknown (first step NOT SETTLED)")]
    public void Capacity_StopThatBoundsNothing_IsALowerBoundOrUnknown(double? passed, double? stop, string stopVerdict, string expected)
    {
        var capacity = stop is { } rate ? Stopped(passed, rate, Enum.Parse<Verdict>(stopVerdict)) : Search(passed, null);

        Assert.Equal(expected, OverheadReport.Capacity(capacity));
    }

    [Fact]
    public void Build_DatabaseStoppedInvalid_CapacityColumnSaysAtLeast()
    {
        OverheadArm[] arms = [new("database", "query layer", Stopped(425, 450, Verdict.Invalid)), new("api-cache-off", "api", Search(350, 375))];

        var markdown = MarkdownRenderer.Render(OverheadReport.Build(new OverheadResult(50, arms, [], CapacityRatio.Of(arms[1].Capacity, arms[0].Capacity), 0.7)));

        Assert.Contains("| database | ≥ 425 req/s |", markdown, StringComparison.Ordinal);
        Assert.Contains("| api-cache-off | 350 req/s |", markdown, StringComparison.Ordinal);
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

    private static CapacityResult Search(double? maxPassing, double? firstFailing, bool invalid = false) =>
        firstFailing is { } rate ? Stopped(maxPassing, rate, invalid ? Verdict.Invalid : Verdict.Fail) : new(maxPassing, null, Configuration, []);

    private static CapacityResult Stopped(double? maxPassing, double stop, Verdict verdict) =>
        new(maxPassing, stop, Configuration, [new CapacityStep(stop, verdict, stop, 0, 0, 0, 0, [])]);
}
