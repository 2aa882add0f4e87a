namespace Perf.Load.Calibration;

/// <summary>One round of the latency comparison: the runner and wrk back to back on the same endpoint, p50 in ms.</summary>
/// <param name="FixedRate">Rate of the runner's open-model run: what wrk's paced connection achieved.</param>
/// <param name="RunnerOpenP50Ms">Runner, open model at the fixed rate: p50 of end − intended.</param>
/// <param name="RunnerOpenServiceP50Ms">Runner, open model: p50 service time.</param>
/// <param name="WrkPacedP50Ms">wrk, one connection pausing between requests (the same idle gaps): p50.</param>
/// <param name="RunnerClosedP50Ms">Runner, closed model with one worker, back to back: p50.</param>
/// <param name="WrkP50Ms">wrk, one connection, back to back: p50.</param>
internal sealed record CalibrationRound(
    double FixedRate,
    double RunnerOpenP50Ms,
    double RunnerOpenServiceP50Ms,
    double WrkPacedP50Ms,
    double RunnerClosedP50Ms,
    double WrkP50Ms);
