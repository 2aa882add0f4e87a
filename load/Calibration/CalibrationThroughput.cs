using Perf.Analysis.Capacity;

namespace Perf.Load.Calibration;

/// <summary>Maximum throughput of the runner's closed model against wrk's, same endpoint and connections, in alternating rounds.</summary>
/// <param name="Path">Endpoint path.</param>
/// <param name="Connections">Connections (runner workers).</param>
/// <param name="Rounds">Each round's runner and wrk requests per second, measured back to back.</param>
internal sealed record CalibrationThroughput(string Path, int Connections, IReadOnlyList<ThroughputRound> Rounds)
{
    /// <summary>Median runner requests per second.</summary>
    public double RunnerRps => Percentile.NearestRank([.. Rounds.Select(r => r.RunnerRps)], 50);

    /// <summary>Median wrk requests per second.</summary>
    public double WrkRps => Percentile.NearestRank([.. Rounds.Select(r => r.WrkRps)], 50);

    /// <summary>Median over rounds of runner / wrk (paired, as in <see cref="CalibrationLatency"/>).</summary>
    public double Ratio => Percentile.NearestRank([.. RoundRatios], 50);

    /// <summary>The same median with its 95 % order-statistic interval, which the ≥ 0.8 target is judged on.</summary>
    public QuantileEstimate RatioInterval => CalibrationTarget.Median(RoundRatios);

    private IEnumerable<double> RoundRatios => Rounds.Select(r => CalibrationLatency.Ratio(r.RunnerRps, r.WrkRps));
}
