using HdrHistogram;
using Perf.Load.Measurement;
using Telemetry.CommandLine;

namespace Perf.Load.Thresholds;

/// <summary>Checks thresholds against measured stats (of one run or of merged runs).</summary>
internal static class ThresholdEvaluator
{
    /// <summary>Fails with a configuration error when a threshold names an endpoint or scenario the run does not have.</summary>
    public static void Validate(IEnumerable<Threshold> thresholds, IReadOnlyCollection<string> endpoints, IReadOnlyCollection<string> scenarios)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        foreach (var threshold in thresholds)
        {
            var name = threshold.SelectorName;
            var known = threshold.Selector switch
            {
                SelectorKind.All => true,
                SelectorKind.Endpoint => endpoints.Contains(name!),
                SelectorKind.Scenario => scenarios.Contains(name!),
                _ => endpoints.Contains(name!) || scenarios.Contains(name!),
            };
            if (!known)
            {
                throw new UsageException(
                    $"Threshold '{threshold.Expression}' names '{name}', which this run does not have. " +
                    $"Endpoints: {string.Join(", ", endpoints)}; scenarios: {string.Join(", ", scenarios)}.");
            }
        }
    }

    /// <summary>Evaluates each threshold on the group it selects.</summary>
    public static IReadOnlyList<ThresholdResult> Evaluate(
        IEnumerable<Threshold> thresholds,
        StatsSnapshot total,
        IReadOnlyList<StatsSnapshot> scenarios,
        IReadOnlyList<StatsSnapshot> endpoints,
        double measuredSeconds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(total);
        var results = new List<ThresholdResult>();
        foreach (var threshold in thresholds)
        {
            var group = Select(threshold, total, scenarios, endpoints);
            var actual = Measure(threshold, group, measuredSeconds);
            results.Add(new ThresholdResult(threshold.Expression, group.Name, actual, threshold.FormatValue(actual), threshold.IsMet(actual)));
        }

        return results;
    }

    private static StatsSnapshot Select(Threshold threshold, StatsSnapshot total, IReadOnlyList<StatsSnapshot> scenarios, IReadOnlyList<StatsSnapshot> endpoints)
    {
        var name = threshold.SelectorName;
        var endpoint = endpoints.FirstOrDefault(e => e.Name == name);
        var scenario = scenarios.FirstOrDefault(s => s.Name == name);
        return threshold.Selector switch
        {
            SelectorKind.All => total,
            SelectorKind.Endpoint => endpoint ?? Missing(threshold),
            SelectorKind.Scenario => scenario ?? Missing(threshold),
            _ => endpoint ?? scenario ?? Missing(threshold),
        };
    }

    private static StatsSnapshot Missing(Threshold threshold) =>
        throw new UsageException($"Threshold '{threshold.Expression}' names '{threshold.SelectorName}', which the results do not have.");

    private static double Measure(Threshold threshold, StatsSnapshot group, double seconds) => threshold.Metric switch
    {
        ThresholdMetric.Percentile => Histograms.PercentileMs(group.Latency, threshold.Percentile),
        ThresholdMetric.Average => group.Latency.TotalCount == 0 ? 0 : group.Latency.GetMean() / 1000.0,
        ThresholdMetric.Minimum => group.Latency.TotalCount == 0 ? 0 : group.Latency.RecordedValues().First().ValueIteratedTo / 1000.0,
        ThresholdMetric.Maximum => Histograms.MaxMs(group.Latency),
        ThresholdMetric.FailedRate => group.FailedRate,
        ThresholdMetric.RequestRate => seconds <= 0 ? 0 : group.Count / seconds,
        _ => group.Count,
    };
}
