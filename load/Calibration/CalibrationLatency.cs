using Perf.Harness.Reports;

namespace Perf.Load.Calibration;

/// <summary>The runner against wrk on one trivial endpoint: alternating rounds measured in one run, compared by their medians.</summary>
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

    /// <summary>Runner open-model p50 at the fixed rate / wrk p50 on one paced connection (medians).</summary>
    public double PacedRatio => WrkPacedP50Ms <= 0 ? 0 : RunnerOpenP50Ms / WrkPacedP50Ms;

    /// <summary>Runner closed-model p50 / wrk p50, both back to back on one connection (medians).</summary>
    public double BackToBackRatio => WrkP50Ms <= 0 ? 0 : RunnerClosedP50Ms / WrkP50Ms;

    private double Median(Func<CalibrationRound, double> figure) => Percentile.NearestRank([.. Rounds.Select(figure)], 50);
}
