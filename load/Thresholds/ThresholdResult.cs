namespace Perf.Load.Thresholds;

/// <summary>A threshold checked against a run.</summary>
/// <param name="Expression">The threshold as given.</param>
/// <param name="Group">The stats group it looked at (<c>total</c>, an endpoint or a scenario).</param>
/// <param name="Actual">The measured value, in the threshold's unit.</param>
/// <param name="ActualText">The measured value formatted with its unit.</param>
/// <param name="Passed">True when the run has shown the threshold holds.</param>
/// <param name="Requests">The requests in its group: what a percentile or a failure rate was judged on.</param>
internal sealed record ThresholdResult(string Expression, string Group, double Actual, string ActualText, bool Passed, long Requests)
{
    /// <summary>
    /// On a run whose generator missed its schedule, an upper limit on a latency percentile that the percentile's interval
    /// misses even with the generator's largest dispatch lag taken off: the target missed it whatever the generator's
    /// lateness added. False otherwise.
    /// </summary>
    public bool MissedBeyondLag { get; init; }

    /// <summary>
    /// False when the measurements put the threshold on neither side of its limit (never with <see cref="Passed"/>): a
    /// percentile or failure rate whose interval straddles the limit, too few requests to bound it, or none at all. True
    /// for a threshold that holds, or one the run has shown missed.
    /// </summary>
    public bool Settled { get; init; } = true;

    /// <summary>
    /// The p-value of "the limit is missed" for a threshold judged by an interval (a percentile, a failure rate, the mean):
    /// its interval shows it missed exactly when this is at most 2.5 %, and the run's such thresholds are then tested
    /// together (<see cref="ThresholdEvaluator.Evaluate"/>). Null for a fact of the run (its fastest or slowest request, a
    /// count, a rate, no failure at all), which no correction touches.
    /// </summary>
    public double? MissPValue { get; init; }

    /// <summary>The p-value of "missed by more than the generator's lateness" (<see cref="MissedBeyondLag"/>), tested as <see cref="MissPValue"/> is; null when no lateness was taken off.</summary>
    public double? LagPValue { get; init; }
}
