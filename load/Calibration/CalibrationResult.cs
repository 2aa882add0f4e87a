namespace Perf.Load.Calibration;

/// <summary>The runner against wrk on the same trivial endpoint, measured in one run.</summary>
/// <param name="Path">Endpoint path.</param>
/// <param name="FixedRate">Rate of the runner's open-model run.</param>
/// <param name="RunnerOpenP50Ms">Runner, open model at the fixed rate: p50 of end − intended.</param>
/// <param name="RunnerOpenServiceP50Ms">Runner, open model: p50 service time.</param>
/// <param name="WrkPacedP50Ms">wrk, one connection pausing 1/rate between requests (same idle gaps): p50.</param>
/// <param name="RunnerClosedP50Ms">Runner, closed model with one worker, back to back: p50.</param>
/// <param name="WrkP50Ms">wrk, one connection, back to back: p50.</param>
internal sealed record CalibrationLatency(
    string Path,
    double FixedRate,
    double RunnerOpenP50Ms,
    double RunnerOpenServiceP50Ms,
    double WrkPacedP50Ms,
    double RunnerClosedP50Ms,
    double WrkP50Ms)
{
    /// <summary>Runner open-model p50 at the fixed rate / wrk p50 at one paced connection.</summary>
    public double PacedRatio => WrkPacedP50Ms <= 0 ? 0 : RunnerOpenP50Ms / WrkPacedP50Ms;

    /// <summary>Runner closed-model p50 / wrk p50, both back to back on one connection.</summary>
    public double BackToBackRatio => WrkP50Ms <= 0 ? 0 : RunnerClosedP50Ms / WrkP50Ms;
}
