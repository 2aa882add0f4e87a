using System.Globalization;

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
    /// <summary>P95 &lt; 500 ms, P99 &lt; 1000 ms and errors &lt; 0.1 %, over all requests.</summary>
    public static IReadOnlyList<Threshold> Defaults { get; } =
        [ThresholdParser.Parse("p(95)<500"), ThresholdParser.Parse("p(99)<1000"), ThresholdParser.Parse("http_req_failed<0.001")];

    /// <summary>True when <paramref name="actual"/> satisfies the threshold.</summary>
    public bool IsMet(double actual) => Operator switch
    {
        ThresholdOperator.LessThan => actual < Limit,
        ThresholdOperator.LessOrEqual => actual <= Limit,
        ThresholdOperator.GreaterThan => actual > Limit,
        _ => actual >= Limit,
    };

    /// <summary>Formats a measured value in this threshold's unit.</summary>
    public string FormatValue(double value) => Metric switch
    {
        ThresholdMetric.FailedRate => value.ToString("0.####%", CultureInfo.InvariantCulture),
        ThresholdMetric.RequestRate => value.ToString("0.##", CultureInfo.InvariantCulture) + "/s",
        ThresholdMetric.Count => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture) + " ms",
    };
}
