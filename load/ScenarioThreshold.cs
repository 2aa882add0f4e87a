using System.Globalization;
using Perf.Load.Thresholds;

namespace Perf.Load;

/// <summary>A pass/fail criterion on a scenario's invocations, checked after the run; latencies are measured from each invocation's intended start.</summary>
public sealed class ScenarioThreshold
{
    private ScenarioThreshold(string expression) => Threshold = ThresholdParser.Parse(expression);

    /// <summary>The criterion in k6's syntax, e.g. <c>p(95)&lt;500</c>, as reports show it.</summary>
    public string Expression => Threshold.Expression;

    internal Threshold Threshold { get; }

    /// <summary>95th percentile latency below <paramref name="milliseconds"/>.</summary>
    public static ScenarioThreshold P95Below(double milliseconds) => PercentileBelow(95, milliseconds);

    /// <summary>99th percentile latency below <paramref name="milliseconds"/>.</summary>
    public static ScenarioThreshold P99Below(double milliseconds) => PercentileBelow(99, milliseconds);

    /// <summary>Failed invocations below <paramref name="fraction"/> of all (0.001 = 0.1 %).</summary>
    public static ScenarioThreshold ErrorRateBelow(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        return new(string.Create(CultureInfo.InvariantCulture, $"http_req_failed<{fraction:0.##########}"));
    }

    /// <inheritdoc/>
    public override string ToString() => Expression;

    private static ScenarioThreshold PercentileBelow(int percentile, double milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(milliseconds, 0);
        return new(string.Create(CultureInfo.InvariantCulture, $"p({percentile})<{milliseconds:0.###}"));
    }
}
