namespace Perf.Load;

/// <summary>One threshold checked against a run.</summary>
/// <param name="Expression">The threshold, e.g. <c>p(95)&lt;500</c>.</param>
/// <param name="Actual">The measured value: milliseconds for latencies, a fraction for the error rate.</param>
/// <param name="Passed">True when the threshold held.</param>
/// <param name="ActualText">The measured value as reports show it: with its unit, a percentile's 95 % interval, or why it could not be judged (<c>needs ≥ 368 samples (has 60)</c>).</param>
public sealed record ThresholdVerdict(string Expression, double Actual, bool Passed, string ActualText)
{
    /// <summary>False when the run showed neither that the threshold holds nor that it was missed (the command line's NOT SETTLED): an interval straddling its limit, or too few requests to bound it.</summary>
    public bool Settled { get; init; } = true;
}
