using Perf.Harness.Reports;

namespace Perf.Load.Calibration;

/// <summary>The runner against wrk on one trivial endpoint: alternating rounds measured in one run.</summary>
/// <remarks>
/// The ratios are medians of each round's ratio: the two figures of a round were measured a few seconds apart, so the
/// machine's drift (other tenants, idle-state wake-up costs) cancels within a round and one disturbed round cannot move the result.
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

    /// <summary>Median of wrk's paced p50s.</summary>
    public double WrkPacedP50Ms => Median(r => r.WrkPacedP50Ms);

    /// <summary>Median of the runner's back-to-back p50s.</summary>
    public double RunnerClosedP50Ms => Median(r => r.RunnerClosedP50Ms);

    /// <summary>Median of wrk's back-to-back p50s.</summary>
    public double WrkP50Ms => Median(r => r.WrkP50Ms);

    /// <summary>Median over rounds of runner open-model p50 at the fixed rate / wrk p50 on one paced connection.</summary>
    public double PacedRatio => Median(r => Ratio(r.RunnerOpenP50Ms, r.WrkPacedP50Ms));

    /// <summary>Median over rounds of runner closed-model p50 / wrk p50, both back to back on one connection.</summary>
    public double BackToBackRatio => Median(r => Ratio(r.RunnerClosedP50Ms, r.WrkP50Ms));

    /// <summary><paramref name="runner"/> / <paramref name="wrk"/>, 0 when wrk measured nothing.</summary>
    internal static double Ratio(double runner, double wrk) => wrk <= 0 ? 0 : runner / wrk;

    private double Median(Func<CalibrationRound, double> figure) => Percentile.NearestRank([.. Rounds.Select(figure)], 50);
}
