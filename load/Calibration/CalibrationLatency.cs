using Perf.Analysis.Capacity;

namespace Perf.Load.Calibration;

/// <summary>The runner against wrk on one trivial endpoint: rounds measured in one run, each runner measurement between two of wrk's.</summary>
/// <remarks>
/// The machine drifts by tens of percent within a minute (other tenants, idle-state wake-up costs), so a round compares
/// the runner with the wrk runs just before and after it, which cancels drift that is steady over a round, and the
/// result is the median of the rounds' ratios, which one disturbed round cannot move. How far wrk's own p50 moves from
/// one of its runs to the next (<see cref="WrkPacedDriftQuartiles"/>) shows how finely a round can resolve anything.
/// </remarks>
/// <param name="Path">Endpoint path.</param>
/// <param name="Rounds">Every round's figures, in order.</param>
internal sealed record CalibrationLatency(string Path, IReadOnlyList<CalibrationRound> Rounds)
{
    /// <summary>Median fixed rate over the rounds.</summary>
    public double FixedRate => Median(r => r.FixedRate);

    /// <summary>Median of the runner's open-model p50s at the fixed rate.</summary>
    public double RunnerOpenP50Ms => Median(r => r.RunnerOpenP50Ms);

    /// <summary>Median of the runner's open-model service-time p50s.</summary>
    public double RunnerOpenServiceP50Ms => Median(r => r.RunnerOpenServiceP50Ms);

    /// <summary>Median of wrk's paced p50s (every run, once).</summary>
    public double WrkPacedP50Ms => Percentile.NearestRank([.. WrkRuns(r => r.WrkPacedBeforeP50Ms, r => r.WrkPacedAfterP50Ms)], 50);

    /// <summary>Median of the runner's back-to-back p50s.</summary>
    public double RunnerClosedP50Ms => Median(r => r.RunnerClosedP50Ms);

    /// <summary>Median of wrk's back-to-back p50s (every run, once).</summary>
    public double WrkP50Ms => Percentile.NearestRank([.. WrkRuns(r => r.WrkBeforeP50Ms, r => r.WrkAfterP50Ms)], 50);

    /// <summary>Median over rounds of the runner's open-model p50 at the fixed rate / wrk's paced p50 around it.</summary>
    public double PacedRatio => Median(r => r.PacedRatio);

    /// <summary>The same median with its 95 % order-statistic interval, which the ±10 % target is judged on.</summary>
    public QuantileEstimate PacedRatioInterval => CalibrationTarget.Median(Rounds.Select(r => r.PacedRatio));

    /// <summary>25th and 75th percentiles of the rounds' paced ratios.</summary>
    public Quartiles PacedRatioQuartiles => QuartilesOf(r => r.PacedRatio);

    /// <summary>25th and 75th percentiles of wrk's paced p50 after / before: the spread a round has with no runner in it.</summary>
    public Quartiles WrkPacedDriftQuartiles => QuartilesOf(r => r.WrkPacedDrift);

    /// <summary>Median over rounds of the runner's closed-model p50 / wrk's p50 around it, both back to back on one connection.</summary>
    public double BackToBackRatio => Median(r => r.BackToBackRatio);

    /// <summary><paramref name="runner"/> / <paramref name="wrk"/>, 0 when wrk measured nothing.</summary>
    internal static double Ratio(double runner, double wrk) => wrk <= 0 ? 0 : runner / wrk;

    private double Median(Func<CalibrationRound, double> figure) => Percentile.NearestRank([.. Rounds.Select(figure)], 50);

    private Quartiles QuartilesOf(Func<CalibrationRound, double> figure)
    {
        double[] values = [.. Rounds.Select(figure)];
        return new Quartiles(Percentile.NearestRank(values, 25), Percentile.NearestRank(values, 75));
    }

    private IEnumerable<double> WrkRuns(Func<CalibrationRound, double> before, Func<CalibrationRound, double> after) =>
        Rounds.Count == 0 ? [] : Rounds.Select(before).Append(after(Rounds[^1]));
}
