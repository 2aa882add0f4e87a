namespace Perf.Load.Calibration;

/// <summary>Maximum throughput of the runner's closed model against wrk's, same endpoint and connections.</summary>
/// <param name="Path">Endpoint path.</param>
/// <param name="Connections">Connections (runner workers).</param>
/// <param name="RunnerRps">Runner requests per second.</param>
/// <param name="WrkRps">wrk requests per second.</param>
internal sealed record CalibrationThroughput(string Path, int Connections, double RunnerRps, double WrkRps)
{
    /// <summary>Runner / wrk.</summary>
    public double Ratio => WrkRps <= 0 ? 0 : RunnerRps / WrkRps;
}
