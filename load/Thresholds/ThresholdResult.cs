namespace Perf.Load.Thresholds;

/// <summary>A threshold checked against a run.</summary>
/// <param name="Expression">The threshold as given.</param>
/// <param name="Group">The stats group it looked at (<c>total</c>, an endpoint or a scenario).</param>
/// <param name="Actual">The measured value, in the threshold's unit.</param>
/// <param name="ActualText">The measured value formatted with its unit.</param>
/// <param name="Passed">True when the threshold holds.</param>
/// <param name="Requests">The requests in its group: what a percentile or a failure rate was judged on.</param>
internal sealed record ThresholdResult(string Expression, string Group, double Actual, string ActualText, bool Passed, long Requests);
