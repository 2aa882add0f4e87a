namespace Perf.Load.Calibration;

/// <summary>One round of the latency comparison: a runner measurement between two wrk measurements of the same kind, p50 in ms.</summary>
/// <remarks>The wrk measurement after one round is the one before the next: the sequence is wrk, runner, wrk, runner, …, wrk.</remarks>
/// <param name="FixedRate">Rate of the runner's open-model run: what the paced wrk run before it achieved.</param>
/// <param name="RunnerOpenP50Ms">Runner, open model at the fixed rate: p50 of end − intended.</param>
/// <param name="RunnerOpenServiceP50Ms">Runner, open model: p50 service time.</param>
/// <param name="WrkPacedBeforeP50Ms">wrk, one connection pausing between requests (the same idle gaps), just before: p50.</param>
/// <param name="WrkPacedAfterP50Ms">The same wrk run just after.</param>
/// <param name="RunnerClosedP50Ms">Runner, closed model with one worker, back to back: p50.</param>
/// <param name="WrkBeforeP50Ms">wrk, one connection, back to back, just before: p50.</param>
/// <param name="WrkAfterP50Ms">The same wrk run just after.</param>
internal sealed record CalibrationRound(
    double FixedRate,
    double RunnerOpenP50Ms,
    double RunnerOpenServiceP50Ms,
    double WrkPacedBeforeP50Ms,
    double WrkPacedAfterP50Ms,
    double RunnerClosedP50Ms,
    double WrkBeforeP50Ms,
    double WrkAfterP50Ms)
{
    /// <summary>Runner open-model p50 / the mean of the paced wrk p50s around it.</summary>
    public double PacedRatio => CalibrationLatency.Ratio(RunnerOpenP50Ms, (WrkPacedBeforeP50Ms + WrkPacedAfterP50Ms) / 2);

    /// <summary>Paced wrk after / before: what wrk's own p50 moves between two runs this far apart (the noise floor).</summary>
    public double WrkPacedDrift => CalibrationLatency.Ratio(WrkPacedAfterP50Ms, WrkPacedBeforeP50Ms);

    /// <summary>Runner closed-model p50 / the mean of the back-to-back wrk p50s around it.</summary>
    public double BackToBackRatio => CalibrationLatency.Ratio(RunnerClosedP50Ms, (WrkBeforeP50Ms + WrkAfterP50Ms) / 2);
}
