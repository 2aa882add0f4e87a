using Perf.Load.Capacity;
using Perf.Load.Cli;
using Perf.Load.Measurement;
using Perf.Load.Reports;

namespace Perf.Tests.Load;

public sealed class PercentileSupportTests
{
    private static readonly RunConfiguration Configuration = new("t", "dashboard:1", "open", "rate", 10, 0, 0, 1, 0, false, 30, 1, [], null);

    [Theory]
    [InlineData(30, 99, "needs ≥ 368")]
    [InlineData(367, 99, "needs ≥ 368")]
    [InlineData(368, 99, "12.5")]
    [InlineData(3_000, 99.9, "needs ≥ 3688")]
    [InlineData(3_688, 99.9, "12.5")]
    [InlineData(30, 50, "12.5")]
    public void Cell_SamplesAgainstWhatThePercentileNeeds_ValueOrNeeds(long samples, double percentile, string expected) =>
        Assert.Equal(expected, LatencySummary.Cell(12.5, samples, percentile, "0.##"));

    [Fact]
    public void CapacityReport_ThirtyRequestStep_P95AndP99SayWhatTheyNeed()
    {
        // 30 requests: the p99 printed would be the maximum.
        var step = new CapacityStep(10, Verdict.Pass, 10, 40, 90, 0, 0.1, []) { Samples = 30 };

        var table = Assert.Single(CapacityReport.Build(new CapacityResult(10, null, Configuration, [step])).Blocks.OfType<Perf.Harness.Reports.ReportTable>());

        Assert.Equal("needs ≥ 72", table.Rows[0][3]);
        Assert.Equal("needs ≥ 368", table.Rows[0][4]);
    }

    [Fact]
    public void CapacityStepLine_ThirtyRequestStep_P95AndP99SayWhatTheyNeed()
    {
        // The console's line for the same step printed "p99 90 ms", the maximum of 30 requests.
        var few = CapacityCommand.StepLine(new CapacityStep(10, Verdict.Pass, 10, 40, 90, 0, 0.1, []) { Samples = 30 });
        var enough = CapacityCommand.StepLine(new CapacityStep(10, Verdict.Pass, 10, 40, 90, 0, 0.1, []) { Samples = 400 });

        Assert.Contains("p95 needs ≥ 72  p99 needs ≥ 368  errors", few, StringComparison.Ordinal);
        Assert.Contains("p95 40 ms  p99 90 ms  errors", enough, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_IntervalsOf20_40And400Requests_KeepsOnlyThePercentilesEachCanBound()
    {
        // Of 20 requests the p90 and p99 are the two slowest; of 40 the p99 is the slowest. The max stays: it is what it says.
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_000_000);
        IntervalSnapshot Interval(int second, int count) => new(null, 1_000_000 + (second * 1000L), 1_000_000 + ((second + 1) * 1000L), count, 0, 1, 2, 3, 4, string.Empty);

        var timeline = RunSummaryBuilder.Timeline([Interval(0, 20), Interval(1, 40), Interval(2, 400)], start);

        Assert.Equal([(1.0, null, null, 4.0), (1.0, 2.0, null, 4.0), (1.0, 2.0, 3.0, 4.0)], timeline.Select(t => (t.P50Ms, t.P90Ms, t.P99Ms, t.MaxMs)));
    }

    [Fact]
    public void LatencyOverTime_PercentilesMissingInSomeSeconds_DrawsThemWithGaps()
    {
        // ScottPlot leaves a gap at NaN; a p99 no second can bound gets no line at all.
        TimelinePoint Second(double at, double? p90) => new(at, 20, 1, p90, null, 4, 0);

        var png = ChartRenderer.LatencyOverTime([Second(1, 2), Second(2, null), Second(3, 2), Second(4, null)]);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task TimelinePoint_CommittedTimelineWrittenBeforeItsGaps_StillReads()
    {
        // Only the timeline: the committed summaries predate thresholds' "requests", which the strict summary reader requires.
        var path = Path.Combine(Perf.Harness.RepositoryPaths.FindRoot(), "results", "2026-12-05-stall-proof", "open-event-loop", "summary.json");
        using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));

        var timeline = System.Text.Json.JsonSerializer.Deserialize<List<TimelinePoint>>(document.RootElement.GetProperty("timeline"), Perf.Harness.Results.ResultWriter.JsonOptions)!;

        Assert.Equal((14.503, 414.207, 504.319), (timeline[0].P50Ms, timeline[0].P90Ms, timeline[0].P99Ms));
    }

    /// <summary>660 requests of 1..660 ms: the nearest-rank p99 is the 654th; HdrHistogram's GetValueAtPercentile rounds 653.4 to the 653rd.</summary>
    [Fact]
    public void PercentileMs_660Requests_P99IsThe654thAndTheEstimatesPoint()
    {
        var histogram = Histograms.Create();
        for (var ms = 1; ms <= 660; ms++)
        {
            histogram.RecordValue(ms * 1000L);
        }

        var p99 = Histograms.PercentileMs(histogram, 99);

        Assert.InRange(p99, 654, 654.999);
        Assert.Equal(Histograms.EstimateMs(histogram, 99).Value, p99);
    }
}
