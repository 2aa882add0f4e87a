using HdrHistogram;
using Perf.Load.Execution;
using Perf.Load.Measurement;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

public sealed class ThresholdTests
{
    private static readonly string[] Expressions = ["p(95)<500", "trades:p(95)<300", "summary:p(95)<300", "http_req_failed<0.001", "summary:errors<0.01"];

    [Theory]
    [InlineData("p(95)<500", "All", null, "Percentile", 95, "LessThan", 500)]
    [InlineData("trades:p(95)<300", "Name", "trades", "Percentile", 95, "LessThan", 300)]
    [InlineData("p(99.9) <= 1s", "All", null, "Percentile", 99.9, "LessOrEqual", 1000)]
    [InlineData("http_req_failed<0.01", "All", null, "FailedRate", 0, "LessThan", 0.01)]
    [InlineData("errors<0.1%", "All", null, "FailedRate", 0, "LessThan", 0.001)]
    [InlineData("http_req_failed{endpoint:summary}<0.05", "Endpoint", "summary", "FailedRate", 0, "LessThan", 0.05)]
    [InlineData("http_req_duration{scenario:dashboard}:avg<200", "Scenario", "dashboard", "Average", 0, "LessThan", 200)]
    [InlineData("http_req_duration:p(90)<250ms", "All", null, "Percentile", 90, "LessThan", 250)]
    [InlineData("metrics:max<2s", "Name", "metrics", "Maximum", 0, "LessThan", 2000)]
    [InlineData("http_reqs:rate>=50", "All", null, "RequestRate", 0, "GreaterOrEqual", 50)]
    [InlineData("trades:http_req_failed<0.02", "Name", "trades", "FailedRate", 0, "LessThan", 0.02)]
    [InlineData("med<800us", "All", null, "Percentile", 50, "LessThan", 0.8)]
    public void Parse_K6LikeForms_ReadsEveryPart(string text, string selector, string? name, string metric, double percentile, string op, double limit)
    {
        var threshold = ThresholdParser.Parse(text);

        Assert.Equal(selector, threshold.Selector.ToString());
        Assert.Equal(name, threshold.SelectorName);
        Assert.Equal(metric, threshold.Metric.ToString());
        Assert.Equal(percentile, threshold.Percentile, precision: 6);
        Assert.Equal(op, threshold.Operator.ToString());
        Assert.Equal(limit, threshold.Limit, precision: 9);
    }

    [Fact]
    public void Defaults_AreTheStrategysTargets()
    {
        // What every run and the CI gate's load suite judge when no --threshold is given: P95 < 500 ms, P99 < 1 s, errors < 1 %.
        Assert.Equal(
            [
                (SelectorKind.All, ThresholdMetric.Percentile, 95.0, ThresholdOperator.LessThan, 500.0),
                (SelectorKind.All, ThresholdMetric.Percentile, 99.0, ThresholdOperator.LessThan, 1000.0),
                (SelectorKind.All, ThresholdMetric.FailedRate, 0.0, ThresholdOperator.LessThan, 0.01),
            ],
            Threshold.Defaults.Select(t => (t.Selector, t.Metric, t.Percentile, t.Operator, t.Limit)));
    }

    [Theory]
    [InlineData("p95<500")]
    [InlineData("p(95)")]
    [InlineData("p(101)<5")]
    [InlineData("p(100)<5")]
    [InlineData("p(NaN)<5")]
    [InlineData("p(Infinity)<5")]
    [InlineData("p(0)<5")]
    [InlineData("p(95)<abc")]
    [InlineData("trades:p(95)<-1")]
    [InlineData("http_req_duration{host:x}:p(95)<1")]
    [InlineData("http_req_duration<5")]
    [InlineData("a:b:c:d<1")]
    public void Parse_Malformed_ThrowsUsageException(string text)
    {
        var ex = Assert.Throws<UsageException>(() => ThresholdParser.Parse(text));
        Assert.Contains("Malformed threshold", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PercentilesAndErrorRate_PassAndFailPerGroup()
    {
        var fast = Snapshot("summary", count: 1000, failed: 0, latencyMicros: 10_000);
        var slow = Snapshot("trades", count: 1000, failed: 20, latencyMicros: 400_000);
        var total = fast.Add(slow) with { Name = "total" };
        var thresholds = Expressions.Select(ThresholdParser.Parse).ToList();

        var results = ThresholdEvaluator.Evaluate(thresholds, total, [], [fast, slow], 10);

        Assert.Equal([true, false, true, false, true], results.Select(r => r.Passed));
        Assert.Equal(0.01, results[3].Actual, precision: 9);
        Assert.InRange(results[1].Actual, 399, 401);
    }

    [Fact]
    public void Evaluate_P99OfThirtySamples_DoesNotPassAndSaysWhatItNeeds()
    {
        // Thirty fast requests: the point p99 is the maximum, 10 ms, far under 1 s, but thirty samples cannot bound a p99.
        var few = Snapshot("total", count: 30, failed: 0, latencyMicros: 10_000);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("p(99)<1000")], few, [], [], 10));

        Assert.False(result.Passed);
        Assert.False(result.Settled);
        Assert.InRange(result.Actual, 9.9, 10.1);
        Assert.Contains("needs ≥ 368 samples (has 30)", result.ActualText, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_P99OfThirtySlowSamples_IsShownMissedByItsLowerBound()
    {
        // Thirty bound no p99 from above, but one sample bounds it from below: thirty of 2 s put it at 2 s or more, over 1 s.
        var few = Snapshot("total", count: 30, failed: 0, latencyMicros: 2_000_000);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("p(99)<1000")], few, [], [], 10));

        Assert.Equal((false, true), (result.Passed, result.Settled));
        Assert.StartsWith("2000.895 ms [≥ 1999.872], needs ≥ 368 samples (has 30)", result.ActualText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p(95)<955", false, false)]
    [InlineData("p(95)<1000", true, true)]
    [InlineData("p(95)<900", false, true)]
    [InlineData("p(95)>930", true, true)]
    [InlineData("p(95)>945", false, false)]
    [InlineData("p(95)>980", false, true)]
    public void Evaluate_Percentile_IsJudgedByItsIntervalNotItsPointEstimate(string expression, bool passed, bool settled)
    {
        // 1 ms to 1000 ms, one request each: the p95 is about 950 ms, its 95 % interval about the 936th to the 964th.
        var latency = Histograms.Create();
        for (var ms = 1; ms <= 1000; ms++)
        {
            latency.RecordValue(ms * 1000L);
        }

        var spread = AllAnswered(latency);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse(expression)], spread, [], [], 10));

        Assert.InRange(result.Actual, 949, 952);
        // Held by the interval's end on the limit's side, missed by its other end, else not settled either way.
        Assert.Equal((passed, settled), (result.Passed, result.Settled));
        Assert.Matches(@"^95\d\.?\d* ms \[9\d\d(\.\d+)?–9\d\d(\.\d+)?\]$", result.ActualText);
        // The miss's p-value says the same as the interval's end: at most 2.5 % exactly when it is shown missed.
        Assert.Equal(settled && !passed, result.MissPValue <= 0.025);
    }

    [Theory]
    [InlineData("http_req_failed<0.01", 30, true)]
    [InlineData("http_req_failed<0.01", 10, false)]
    [InlineData("http_req_failed<0.05", 30, false)]
    [InlineData("http_req_failed>0.1", 30, true)]
    [InlineData("http_req_failed>0.06", 30, false)]
    public void Evaluate_FailedRate_MissPValueAgreesWithItsInterval(string expression, long failed, bool missed)
    {
        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse(expression)], Snapshot("total", 600, failed, 10_000), [], [], 10));

        Assert.Equal(missed, result is { Passed: false, Settled: true });
        Assert.Equal(missed, result.MissPValue <= 0.025);
    }

    [Fact]
    public void Evaluate_MarginalMissBesideTheOtherDefaults_NotSettledThoughItIsMissedAlone()
    {
        // 18 of 200 requests at 700 ms: p95's lower bound reaches 500 ms (P(K ≤ 182) = 0.0121 for K ~ Bin(200, 0.95)), at most
        // 2.5 % alone, but not 2.5 % / 3 beside p(99)<1000 and http_req_failed<0.01, which a run fails on as well.
        var latency = Histograms.Create();
        latency.RecordValueWithCount(300_000, 182);
        latency.RecordValueWithCount(700_000, 18);
        var group = AllAnswered(latency);

        var alone = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("p(95)<500")], group, [], [], 10));
        var defaults = ThresholdEvaluator.Evaluate(Threshold.Defaults, group, [], [], 10);

        Assert.Equal((false, true), (alone.Passed, alone.Settled));
        Assert.Equal(0.0121, alone.MissPValue!.Value, 4);
        Assert.Equal((false, false), (defaults[0].Passed, defaults[0].Settled));
        Assert.Contains("shown missed alone (p = 0.012), not beside the run's 3 thresholds judged by intervals (Holm, α 0.025)", defaults[0].ActualText, StringComparison.Ordinal);
        Assert.All(defaults.Skip(1), r => Assert.Equal(1, r.MissPValue));
    }

    [Theory]
    [InlineData(2, false, false, "needs ≥ 30 samples (has 2)")]
    [InlineData(29, false, false, "needs ≥ 30 samples (has 29)")]
    [InlineData(400, true, true, "[")]
    public void Evaluate_AverageOfFewRequests_NotSettledUntilItsIntervalExists(int count, bool passed, bool settled, string says)
    {
        // Requests of 10 and 20 ms alternating, far under 200 ms: two of them say nothing about the mean of the next thousand.
        var latency = Histograms.Create();
        for (var i = 0; i < count; i++)
        {
            latency.RecordValue(i % 2 == 0 ? 10_000 : 20_000);
        }

        var group = AllAnswered(latency);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("avg<200")], group, [], [], 10));

        Assert.Equal((passed, settled), (result.Passed, result.Settled));
        Assert.Contains(says, result.ActualText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("avg<14", true)]
    [InlineData("avg<15.3", false)]
    [InlineData("avg>16", true)]
    [InlineData("avg>15.3", false)]
    public void Evaluate_Average_MissPValueAgreesWithItsInterval(string expression, bool missed)
    {
        // 400 requests of 10 and 20 ms: mean 15 ms, its interval about 14.5–15.5.
        var latency = Histograms.Create();
        latency.RecordValueWithCount(10_000, 200);
        latency.RecordValueWithCount(20_000, 200);
        var group = AllAnswered(latency);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse(expression)], group, [], [], 10));

        Assert.Equal(missed, result is { Passed: false, Settled: true });
        Assert.Equal(missed, result.MissPValue <= 0.025);
    }

    [Fact]
    public void Evaluate_AverageOfSkewedRequests_NeedsMoreThanThirty()
    {
        // 95 requests of 1 ms and 5 of 1 s: a skewness near 4.1, so Cochran's rule asks for 427, not 30.
        var latency = Histograms.Create();
        latency.RecordValueWithCount(1_000, 95);
        latency.RecordValueWithCount(1_000_000, 5);
        var group = AllAnswered(latency);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("avg<500")], group, [], [], 10));

        Assert.Equal((false, false), (result.Passed, result.Settled));
        Assert.Equal("50.96 ms, needs ≥ 427 samples (has 100)", result.ActualText);
    }

    [Theory]
    [InlineData("max<300", true, true, "the slowest of this run's 2 requests")]
    [InlineData("min>5", true, true, "the fastest of this run's 2 requests")]
    [InlineData("max<15", false, true, "20.015 ms, the slowest of this run's 2 requests")]
    // The histogram keeps each to its bucket (10.000–10.007, 20.000–20.015 ms): a limit inside one is neither shown met nor
    // missed, where the bucket's top alone passed min>=10.005 and failed max<20.01.
    [InlineData("min>=10.005", false, false, "10.007 ms, the fastest of this run's 2 requests (its histogram bucket, 10–10.007 ms, holds the limit)")]
    [InlineData("max<20.01", false, false, "20.015 ms, the slowest of this run's 2 requests (its histogram bucket, 20–20.015 ms, holds the limit)")]
    public void Evaluate_MinimumAndMaximumOfTwoRequests_JudgedAsThisRunsOwn(string expression, bool passed, bool settled, string says)
    {
        var latency = Histograms.Create();
        latency.RecordValue(10_000);
        latency.RecordValue(20_000);
        var group = AllAnswered(latency);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse(expression)], group, [], [], 10));

        Assert.Equal((passed, settled), (result.Passed, result.Settled));
        Assert.EndsWith(says, result.ActualText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trades:p(95)<300")]
    [InlineData("trades:avg<300")]
    [InlineData("trades:max<300")]
    [InlineData("trades:http_req_failed<0.01")]
    public void Evaluate_GroupWithoutRequests_DoesNotPass(string expression)
    {
        var busy = Snapshot("summary", count: 1000, failed: 0, latencyMicros: 10_000);
        var idle = new StatsSnapshot("trades", 0, 0, 0, new Dictionary<string, long>(), Histograms.Create(), Histograms.Create(), Histograms.Create());

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse(expression)], busy with { Name = "total" }, [], [busy, idle], 10));

        Assert.Equal((false, false), (result.Passed, result.Settled));
        Assert.Equal("no requests", result.ActualText);
    }

    [Theory]
    // 600 requests without a failure: under 1 % by the interval [0–0.61 %], not under 0.1 %, which takes 3,688.
    [InlineData("http_req_failed<0.01", 600, 0, true, true, "0% [0%–0.6129%]")]
    [InlineData("http_req_failed<0.001", 600, 0, false, false, "0% [0%–0.6129%], needs ≥ 3688 requests (has 600)")]
    // 3 of 600 is 0.5 %, under 1 % by its point estimate, but its interval reaches 1.45 %: not shown, nor shown missed.
    [InlineData("http_req_failed<0.01", 600, 3, false, false, "0.5% [0.1032%–1.4542%]")]
    // 30 of 600 is over 1 % by the interval's lower end too: shown missed.
    [InlineData("http_req_failed<0.01", 600, 30, false, true, "5% [3.3986%–7.0611%]")]
    // A lower limit is judged by the interval's lower end: 20 of 1000 is above 1 % ([1.23 %–3.07 %]), 12 of 1000 is not.
    [InlineData("errors>0.01", 1000, 20, true, true, "2% [1.2258%–3.072%]")]
    [InlineData("errors>0.01", 1000, 12, false, false, "1.2% [0.6216%–2.0868%]")]
    // "No request failed" is about this run: 30 requests show it or not.
    [InlineData("errors<=0", 30, 0, true, true, "0%")]
    [InlineData("errors<=0", 30, 1, false, true, "3.3333%")]
    public void Evaluate_FailureRate_IsJudgedByItsIntervalNotItsPointEstimate(string expression, long count, long failed, bool passed, bool settled, string text)
    {
        var group = Snapshot("total", count, failed, latencyMicros: 10_000);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse(expression)], group, [], [], 10));

        Assert.Equal((passed, settled, text), (result.Passed, result.Settled, result.ActualText));
    }

    /// <summary>
    /// 1,000 requests of 900 ms each, their generator late by up to <paramref name="lagMs"/>: with 200 ms of lateness at most
    /// 700 ms of each was the target's, over p(95)&lt;500 whatever the generator did; with 450 ms it could have been 450.
    /// </summary>
    [Theory]
    [InlineData(200.0, false, true)]
    [InlineData(450.0, false, false)]
    [InlineData(200.0, true, false)]
    public void Evaluate_LateGenerator_MissedBeyondItsLatenessOnlyWhenTheLagCannotExplainIt(double lagMs, bool valid, bool beyond)
    {
        var slow = Snapshot("total", count: 1000, failed: 0, latencyMicros: 900_000);
        var generator = new GeneratorHealth("open", 10, 10, 1000, 1000, 5, 0, lagMs, lagMs, lagMs, lagMs, 3, valid, valid ? [] : ["late"]) { DispatchLagMaxMs = lagMs };

        var results = ThresholdEvaluator.Evaluate([ThresholdParser.Parse("p(95)<500"), ThresholdParser.Parse("p(95)>100")], slow, [], [], 10, generator);

        Assert.Equal([false, true], results.Select(r => r.Passed));
        Assert.Equal([beyond, false], results.Select(r => r.MissedBeyondLag));
        Assert.Equal(beyond, results[0].ActualText.Contains("more than the generator's lateness (at most 200 ms) explains", StringComparison.Ordinal));
        Assert.Equal(
            valid ? Verdict.Fail : beyond ? Verdict.Fail : Verdict.Invalid,
            RunSummaryBuilder.Decide(generator, results).Verdict);
    }

    /// <summary>
    /// 1,000 requests of 499.9 ms, recorded in the bucket from 499.712 to 499.967 ms: at its top, the lower end claimed the
    /// p95 was at least 499.967 ms, which no request took; at its bottom, neither claim below holds.
    /// </summary>
    [Fact]
    public void Evaluate_LowerEndsInsideOneBucket_ReadAtTheBucketsLowestValue()
    {
        var group = Snapshot("total", count: 1000, failed: 0, latencyMicros: 499_900);
        var generator = new GeneratorHealth("open", 10, 10, 1000, 1000, 5, 0, 0.01, 0.01, 0.01, 0.01, 3, false, ["late"]) { DispatchLagMaxMs = 0.01 };

        var results = ThresholdEvaluator.Evaluate([ThresholdParser.Parse("p(95)>=499.95"), ThresholdParser.Parse("p(95)<499.95")], group, [], [], 10, generator);

        Assert.Equal("499.967 ms [499.712–499.967]", results[0].ActualText);
        Assert.False(results[0].Passed);
        // Missed by 0.017 ms at most, and the generator was up to 0.01 ms late: not shown to be beyond its lateness.
        Assert.False(results[1].MissedBeyondLag);
        Assert.Equal(Verdict.Invalid, RunSummaryBuilder.Decide(generator, results).Verdict);
    }

    [Fact]
    public void Evaluate_LateGeneratorWithoutItsLargestLag_JudgesNothingBeyondIt()
    {
        // Results written before the largest lag was recorded: nothing is known to be beyond it.
        var slow = Snapshot("total", count: 1000, failed: 0, latencyMicros: 900_000);
        var generator = new GeneratorHealth("open", 10, 10, 1000, 1000, 5, 0, 1, 1, 1, 1, 3, false, ["late"]);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("p(95)<500")], slow, [], [], 10, generator));

        Assert.False(result.MissedBeyondLag);
        Assert.Equal(Verdict.Invalid, RunSummaryBuilder.Decide(generator, [result]).Verdict);
    }

    [Fact]
    public void Validate_UnknownEndpoint_ThrowsUsageException()
    {
        var ex = Assert.Throws<UsageException>(() =>
            ThresholdEvaluator.Validate([ThresholdParser.Parse("tardes:p(95)<300")], ["trades", "summary"], ["dashboard"]));

        Assert.Contains("tardes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RateJustUnderALowerLimit_PrintedUnderIt()
    {
        // 49,999 requests in 1,000 s: 49.999/s misses rate>=50, which two decimals printed as "50/s".
        var group = Snapshot("total", count: 49_999, failed: 0, latencyMicros: 10_000);

        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("http_reqs:rate>=50")], group, [], [], 1000));

        Assert.False(result.Passed);
        Assert.Equal("49.999/s", result.ActualText);
    }

    [Fact]
    public void LoadReport_PercentileJustUnderItsLimit_LatencyTablePrintsItUnder()
    {
        // 1,000 requests in the bucket whose top is 499.967 ms, judged by p(95)<499.97: it passes, and two decimals printed
        // its p95 as 499.97 beside it.
        var group = Snapshot("total", count: 1000, failed: 0, latencyMicros: 499_900);
        var thresholds = ThresholdEvaluator.Evaluate([ThresholdParser.Parse("p(95)<499.97")], group, [], [], 10);
        var generator = new GeneratorHealth("open", 100, 100, 1000, 1000, 0, 0, 0.01, 0.01, 0.01, 0.01, 3, true, []);
        var configuration = new RunConfiguration("in-process", "trades", "open", "100/s for 10 s", 100, 0, 0, 10, 0, false, 5, 1, ["p(95)<499.97"], null);
        var summary = new RunSummary("Perf.Load", Verdict.Pass, 0, DateTimeOffset.UnixEpoch, 10, configuration, generator, GroupSummary.From(group, 10), [], [], thresholds, []);

        var latency = LoadReport.Build(summary).Blocks.OfType<Perf.Harness.Reports.ReportTable>().Single(t => t.Header.Contains("p95"));

        Assert.True(Assert.Single(thresholds).Passed);
        var total = Assert.Single(latency.Rows);
        Assert.Equal("499.967", total[latency.Header.ToList().IndexOf("p95")]);
        // p(95) is the only limit: the p90 beside no threshold keeps two decimals.
        Assert.Equal("499.97", total[latency.Header.ToList().IndexOf("p90")]);
    }

    /// <summary>The group "total" of every request <paramref name="latency"/> recorded, each answered 200.</summary>
    private static StatsSnapshot AllAnswered(LongHistogram latency) =>
        new("total", latency.TotalCount, latency.TotalCount, 0, new Dictionary<string, long> { ["200"] = latency.TotalCount }, latency, latency.Copy(), Histograms.Create());

    private static StatsSnapshot Snapshot(string name, long count, long failed, long latencyMicros)
    {
        var latency = Histograms.Create();
        latency.RecordValueWithCount(latencyMicros, count);
        return new StatsSnapshot(
            name,
            count,
            count - failed,
            0,
            new Dictionary<string, long> { ["200"] = count - failed, ["500"] = failed },
            latency,
            latency.Copy(),
            Histograms.Create());
    }
}
