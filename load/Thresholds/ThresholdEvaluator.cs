using System.Globalization;
using HdrHistogram;
using Perf.Analysis.Capacity;
using Perf.Load.Execution;
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
    /// <param name="thresholds">The thresholds.</param>
    /// <param name="total">Every measured request.</param>
    /// <param name="scenarios">Each scenario's requests.</param>
    /// <param name="endpoints">Each endpoint's requests.</param>
    /// <param name="measuredSeconds">The measured period.</param>
    /// <param name="generator">
    /// The run's generator; when it missed its schedule and its largest dispatch lag is known, each upper limit on a latency
    /// percentile is also judged with that lag taken off (<see cref="ThresholdResult.MissedBeyondLag"/>).
    /// </param>
    public static IReadOnlyList<ThresholdResult> Evaluate(
        IEnumerable<Threshold> thresholds,
        StatsSnapshot total,
        IReadOnlyList<StatsSnapshot> scenarios,
        IReadOnlyList<StatsSnapshot> endpoints,
        double measuredSeconds,
        GeneratorHealth? generator = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(total);
        var lateness = generator is { Valid: false, DispatchLagMaxMs: { } lag } ? lag : (double?)null;
        var results = thresholds.Select(t => Judge(t, Select(t, total, scenarios, endpoints), measuredSeconds, lateness)).ToList();
        return Together(results);
    }

    /// <summary>
    /// The run's thresholds judged by intervals, tested together: a run FAILs when any is missed, so each shown missed at
    /// 2.5 % alone would let one of m thresholds sitting at its limit fail the run with a chance up to m · 2.5 %. Holm's
    /// step-down (<see cref="Holm"/>) over their <see cref="ThresholdResult.MissPValue"/>s keeps that chance at 2.5 %; a
    /// threshold shown missed alone but not by the family is NOT SETTLED, and says so. Facts of the run are not tested.
    /// The claims "missed by more than the generator's lateness" are tested together the same way.
    /// </summary>
    private static List<ThresholdResult> Together(List<ThresholdResult> results)
    {
        var judged = results.Where(r => r.MissPValue is not null).ToList();
        var cut = Holm.Cut(judged.Select(r => r.MissPValue!.Value), OneSided);
        var lagCut = Holm.Cut(judged.Select(r => r.LagPValue ?? r.MissPValue!.Value), OneSided);
        return [.. results.Select(r => r switch
        {
            { MissPValue: { } p, Passed: false, Settled: true } when p > cut => r with
            {
                Settled = false,
                MissedBeyondLag = false,
                ActualText = $"{r.ActualText}; shown missed alone ({ReportFormat.PValue(p)}), not beside the run's {judged.Count} thresholds judged by intervals (Holm, α {ReportFormat.Alpha(OneSided)})",
            },
            { MissedBeyondLag: true, LagPValue: { } p } when p > lagCut => r with { MissedBeyondLag = false },
            _ => r,
        })];
    }

    /// <summary>The one-sided level of each interval's end (95 % intervals): the family-wise α of a run's thresholds.</summary>
    private const double OneSided = (1 - OrderStatistics.DefaultConfidence) / 2;

    /// <summary>Checks one threshold on its group.</summary>
    /// <remarks>
    /// A percentile is judged by its 95 % order-statistic interval, not by its point estimate: an upper limit
    /// (<c>p(95)&lt;500</c>) holds only when the interval's upper end meets it, a lower limit only when its lower end
    /// does; it is shown missed only when the other end misses it too. A percentile the samples cannot bound
    /// (<see cref="OrderStatistics.SamplesNeeded"/>: 368 for p99) or an interval that straddles the limit does not hold,
    /// and is not missed either: the run has settled neither (<see cref="ThresholdResult.Settled"/>). A failure rate is
    /// judged the same way by its binomial interval (<see cref="JudgeFailedRate"/>), and the mean by its t interval
    /// (<see cref="JudgeMean"/>); the smallest and largest latency are this run's, exact. A latency or error threshold on a
    /// group without requests is not settled either: there is nothing to judge.
    /// <para>
    /// <paramref name="lateness"/> is the largest dispatch lag of a generator that missed its schedule. Every latency is
    /// measured from the intended send time, so it holds at most that much of the generator's lateness: each request's
    /// latency less <paramref name="lateness"/> is at most what the target took, and so is every order statistic. An upper
    /// limit whose percentile's interval, lowered by <paramref name="lateness"/>, still misses it was missed by the target
    /// (<see cref="ThresholdResult.MissedBeyondLag"/>).
    /// </para>
    /// </remarks>
    private static ThresholdResult Judge(Threshold threshold, StatsSnapshot group, double seconds, double? lateness)
    {
        var actual = Measure(threshold, group, seconds);
        var text = threshold.FormatValue(actual);
        var judgesRequests = threshold.Metric is not (ThresholdMetric.RequestRate or ThresholdMetric.Count);
        if (judgesRequests && group.Count == 0)
        {
            return new ThresholdResult(threshold.Expression, group.Name, actual, "no requests", false, group.Count) { Settled = false };
        }

        if (threshold.JudgesLatency && group.Latency.TotalCount == 0)
        {
            return new ThresholdResult(threshold.Expression, group.Name, actual, "no latencies (every request dropped)", false, group.Count) { Settled = false };
        }

        if (threshold.Metric == ThresholdMetric.FailedRate)
        {
            return JudgeFailedRate(threshold, group, actual, text);
        }

        if (threshold.Metric == ThresholdMetric.Average)
        {
            return JudgeMean(threshold, group, actual, text);
        }

        if (threshold.Metric is ThresholdMetric.Minimum or ThresholdMetric.Maximum)
        {
            // The fastest or slowest request is a fact about this run's requests, which it shows or not; as an estimate of
            // the target's, no count of requests bounds it (more can only move it outwards). The histogram holds it to its
            // bucket: a limit inside that bucket is neither shown met nor missed.
            var which = string.Create(CultureInfo.InvariantCulture, $"{text}, the {(threshold.Metric == ThresholdMetric.Minimum ? "fastest" : "slowest")} of this run's {group.Latency.TotalCount} requests");
            var recorded = threshold.Metric == ThresholdMetric.Minimum ? group.Latency.RecordedValues().First().ValueIteratedTo : group.Latency.GetMaxValue();
            var (low, high) = (group.Latency.LowestEquivalentValue(recorded) / 1000.0, group.Latency.HighestEquivalentValue(recorded) / 1000.0);
            var (shownMet, shownMissed) = Sides(threshold, low, high);
            var held = shownMet || shownMissed ? string.Empty : $" (its histogram bucket, {threshold.FormatMs(low)}–{threshold.FormatMs(high)} ms, holds the limit)";
            return new ThresholdResult(threshold.Expression, group.Name, actual, which + held, shownMet, group.Count) { Settled = shownMet || shownMissed };
        }

        if (threshold.Metric != ThresholdMetric.Percentile)
        {
            return new ThresholdResult(threshold.Expression, group.Name, actual, text, threshold.IsMet(actual), group.Count);
        }

        var estimate = Histograms.EstimateMs(group.Latency, threshold.Percentile);
        var upperLimit = threshold.IsUpperLimit;
        var missP = PercentileMissPValue(threshold, group.Latency, 0);
        var lagP = upperLimit && lateness is { } late ? PercentileMissPValue(threshold, group.Latency, late) : (double?)null;
        var bound = upperLimit ? estimate.Upper : estimate.AtLeast;

        // Shown missed only when the interval's end on the limit's side misses it too (an upper limit's lower end, which needs
        // far fewer samples than the upper one); else a threshold that does not hold is not settled.
        var missed = (upperLimit ? estimate.AtLeast : estimate.Upper) is { } near && !threshold.IsMet(near);
        var beyondLag = upperLimit && lateness is { } lag && (estimate.Lower ?? estimate.AtLeast) is { } least && !threshold.IsMet(least - lag);
        var lagNote = beyondLag
            ? string.Create(CultureInfo.InvariantCulture, $", over the limit by more than the generator's lateness (at most {lateness:0.###} ms) explains")
            : string.Empty;
        if (bound is not { } judged)
        {
            var shownOver = missed ? $" [≥ {threshold.FormatMs(estimate.AtLeast!.Value)}]" : string.Empty;
            return new ThresholdResult(
                threshold.Expression,
                group.Name,
                actual,
                string.Create(CultureInfo.InvariantCulture, $"{text}{shownOver}, needs ≥ {estimate.SamplesNeeded} samples (has {estimate.Samples}){lagNote}"),
                false,
                group.Count) { MissedBeyondLag = beyondLag, Settled = missed, MissPValue = missP, LagPValue = lagP };
        }

        var interval = estimate.Lower is { } lower && estimate.Upper is { } upper
            ? $"{text} [{threshold.FormatMs(lower)}–{threshold.FormatMs(upper)}]"
            : $"{text} [≥ {threshold.FormatMs(judged)}]";
        var met = threshold.IsMet(judged);
        return new ThresholdResult(threshold.Expression, group.Name, actual, interval + lagNote, met, group.Count) { MissedBeyondLag = beyondLag, Settled = met || missed, MissPValue = missP, LagPValue = lagP };
    }

    /// <summary>
    /// The p-value of "the percentile misses the limit" (<see cref="OrderStatistics.OverPValue(long, long, double)"/> for an
    /// upper limit, over the requests meeting it read from their buckets' lowest values, less <paramref name="lagMs"/>;
    /// <see cref="OrderStatistics.UnderPValue"/> for a lower limit, over those missing it read from their highest), as the
    /// interval's ends are read (<see cref="Histograms.EstimateMs"/>).
    /// </summary>
    private static double PercentileMissPValue(Threshold threshold, HistogramBase latency, double lagMs) => threshold.IsUpperLimit
        ? OrderStatistics.OverPValue(latency.TotalCount, Histograms.CountMeeting(latency, ms => threshold.IsMet(ms - lagMs), fromBelow: true), threshold.Percentile)
        : OrderStatistics.UnderPValue(latency.TotalCount, Histograms.CountMeeting(latency, ms => !threshold.IsMet(ms), fromBelow: false), threshold.Percentile);

    /// <summary>
    /// A failure rate judged as a percentile is: by its exact 95 % interval (<see cref="BinomialInterval"/>), an upper limit
    /// by the interval's upper end, a lower limit by its lower end. No failures in 600 requests put the rate under 0.62 %,
    /// not under 0.1 %: below <see cref="Threshold.RequestsNeeded"/> requests an upper limit cannot hold, and says so.
    /// </summary>
    private static ThresholdResult JudgeFailedRate(Threshold threshold, StatsSnapshot group, double actual, string text)
    {
        if (threshold is { Operator: ThresholdOperator.LessOrEqual, Limit: <= 0 })
        {
            // "No request failed" is a statement about this run, which it shows or not; no interval can reach 0.
            return new ThresholdResult(threshold.Expression, group.Name, actual, text, threshold.IsMet(actual), group.Count);
        }

        // An upper limit holds when the interval's upper end meets it, and is shown missed when its lower end misses it too;
        // between the two the run has not settled it. Below RequestsNeeded no failure count lets the upper end meet it.
        var (lower, upper) = BinomialInterval.Of(group.Failed, group.Count);
        var (met, missed) = Sides(threshold, lower, upper);
        var shortOf = !met && !missed && threshold.RequestsNeeded is var needed && group.Count < needed
            ? string.Create(CultureInfo.InvariantCulture, $", needs ≥ {needed} requests (has {group.Count})")
            : string.Empty;
        // Clopper–Pearson's lower end reaches an upper limit exactly when P(K ≥ failures) at the limit is at most 2.5 %.
        var missP = threshold.IsUpperLimit ? BinomialInterval.AtLeast(group.Failed, group.Count, threshold.Limit) : BinomialInterval.AtMost(group.Failed, group.Count, threshold.Limit);
        return new ThresholdResult(threshold.Expression, group.Name, actual, $"{text} [{threshold.FormatValue(lower)}–{threshold.FormatValue(upper)}]{shortOf}", met, group.Count) { Settled = met || missed, MissPValue = missP };
    }

    /// <summary>
    /// The mean judged as a percentile is, by its 95 % interval (<see cref="MeanInterval"/>): an upper limit holds when the
    /// interval's upper end meets it and is shown missed when its lower end misses it too. The interval needs at least 30
    /// requests and more the more skewed they are; with fewer the mean is not settled, and says what it needs.
    /// </summary>
    private static ThresholdResult JudgeMean(Threshold threshold, StatsSnapshot group, double actual, string text)
    {
        var estimate = Histograms.MeanEstimateMs(group.Latency);
        if (estimate is not { Lower: { } lower, Upper: { } upper })
        {
            var needs = string.Create(CultureInfo.InvariantCulture, $"{text}, needs ≥ {estimate.SamplesNeeded} samples (has {estimate.Samples})");
            return new ThresholdResult(threshold.Expression, group.Name, actual, needs, false, group.Count) { Settled = false, MissPValue = 1 };
        }

        var (met, missed) = Sides(threshold, lower, upper);
        var interval = $"{text} [{threshold.FormatMs(lower)}–{threshold.FormatMs(upper)}]";
        var missP = Histograms.MeanBeyondPValue(group.Latency, threshold.Limit, above: threshold.IsUpperLimit);
        return new ThresholdResult(threshold.Expression, group.Name, actual, interval, met, group.Count) { Settled = met || missed, MissPValue = missP };
    }

    /// <summary>Whether an interval shows the threshold met (its end on the limit's side meets it) or missed (its other end misses it too).</summary>
    private static (bool Met, bool Missed) Sides(Threshold threshold, double lower, double upper) =>
        (threshold.IsMet(threshold.IsUpperLimit ? upper : lower), !threshold.IsMet(threshold.IsUpperLimit ? lower : upper));

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
