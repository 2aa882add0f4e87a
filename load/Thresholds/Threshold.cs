using Perf.Analysis.Capacity;

namespace Perf.Load.Thresholds;

/// <summary>One pass/fail criterion, parsed from k6-like text such as <c>trades:p(95)&lt;300</c>.</summary>
/// <param name="Expression">The text as given.</param>
/// <param name="Selector">Which requests.</param>
/// <param name="SelectorName">Endpoint or scenario name; null for all requests.</param>
/// <param name="Metric">What is measured.</param>
/// <param name="Percentile">For <see cref="ThresholdMetric.Percentile"/>: 0–100.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Limit">The limit: milliseconds for latencies, a fraction for the failed rate.</param>
internal sealed record Threshold(
    string Expression,
    SelectorKind Selector,
    string? SelectorName,
    ThresholdMetric Metric,
    double Percentile,
    ThresholdOperator Operator,
    double Limit)
{
    /// <summary>P95 &lt; 500 ms, P99 &lt; 1000 ms (the design document's targets) and errors &lt; 1 %, over all requests.</summary>
    /// <remarks>
    /// Each is judged by its 95 % interval. The error rate's limit is the one the same 368 requests that bound a p99 can
    /// show with no failures; showing 0.1 % takes 3,688 (<see cref="Perf.Analysis.Capacity.BinomialInterval"/>).
    /// </remarks>
    public static IReadOnlyList<Threshold> Defaults { get; } =
        [ThresholdParser.Parse("p(95)<500"), ThresholdParser.Parse("p(99)<1000"), ThresholdParser.Parse("http_req_failed<0.01")];

    /// <summary>True when <paramref name="actual"/> satisfies the threshold.</summary>
    public bool IsMet(double actual) => Operator switch
    {
        ThresholdOperator.LessThan => actual < Limit,
        ThresholdOperator.LessOrEqual => actual <= Limit,
        ThresholdOperator.GreaterThan => actual > Limit,
        _ => actual >= Limit,
    };

    /// <summary>True for a limit on latency (a percentile, the mean, the smallest or the largest), which only an open model measures from the intended send time.</summary>
    public bool JudgesLatency => Metric is ThresholdMetric.Percentile or ThresholdMetric.Average or ThresholdMetric.Minimum or ThresholdMetric.Maximum;

    /// <summary>True for a limit from above (<c>&lt;</c>, <c>&lt;=</c>).</summary>
    public bool IsUpperLimit => Operator is ThresholdOperator.LessThan or ThresholdOperator.LessOrEqual;

    /// <summary>
    /// The fewest requests that can show this upper limit met, as it is judged (by its 95 % interval): a percentile's
    /// (<see cref="OrderStatistics.SamplesNeeded"/>: 368 for p99), a failure rate's with no failures
    /// (<see cref="BinomialInterval.TrialsNeeded"/>: 368 under 1 %, 3,688 under 0.1 %), a mean's at least
    /// (<see cref="MeanInterval.MinimumSamples"/>, more when the latencies are skewed); 0 where any count can.
    /// </summary>
    public long RequestsNeeded => this switch
    {
        { IsUpperLimit: false } => 0,
        { Metric: ThresholdMetric.Percentile } => OrderStatistics.SamplesNeeded(Percentile),
        { Metric: ThresholdMetric.FailedRate, Limit: > 0 } => BinomialInterval.TrialsNeeded(Math.Min(Limit, 1)),
        { Metric: ThresholdMetric.Average } => MeanInterval.MinimumSamples,
        _ => 0,
    };

    /// <summary>Formats a measured value in this threshold's unit, with the decimals <see cref="ReportFormat.Against"/> adds beside <see cref="Limit"/>.</summary>
    /// <remarks>Every value a threshold formats is printed beside it, so a rounded figure never reads as the other verdict: 499.9996 ms against <c>avg&lt;500</c> reads 499.9996, not 500.</remarks>
    public string FormatValue(double value) => Metric switch
    {
        ThresholdMetric.FailedRate => ReportFormat.Against(value * 100, "0.####", Limit * 100) + "%",
        ThresholdMetric.RequestRate => ReportFormat.Against(value, "0.##", Limit) + "/s",
        ThresholdMetric.Count => ReportFormat.Against(value, "0", Limit),
        _ => FormatMs(value) + " ms",
    };

    /// <summary>Of <paramref name="thresholds"/>, the limit on <paramref name="metric"/> (at <paramref name="percentile"/> for a percentile) nearest <paramref name="value"/>, or NaN when none judges it.</summary>
    /// <remarks>For a figure a report prints beside those thresholds (<see cref="ReportFormat.Against"/>): only a limit within its rounding can be reached by it, and that is the nearest.</remarks>
    public static double LimitNear(IEnumerable<Threshold> thresholds, ThresholdMetric metric, double percentile, double value) =>
        thresholds.Where(t => t.Metric == metric && (metric != ThresholdMetric.Percentile || t.Percentile == percentile))
            .Select(t => t.Limit).DefaultIfEmpty(double.NaN).MinBy(limit => Math.Abs(limit - value));

    /// <summary>Milliseconds without the unit, as <see cref="FormatValue"/> prints a latency.</summary>
    public string FormatMs(double ms) => ReportFormat.Against(ms, "0.###", Limit);
}
