namespace Perf.Load.Execution;

/// <summary>Whether the load generator kept its schedule; a run whose generator did not is INVALID.</summary>
/// <param name="Model">open or closed.</param>
/// <param name="TargetRate">Mean scheduled rate over the measured period (0 for the closed model).</param>
/// <param name="AchievedRate">Measured requests sent per second of measured time.</param>
/// <param name="Scheduled">Measured arrivals in the schedule.</param>
/// <param name="Sent">Measured requests actually sent.</param>
/// <param name="LateSends">Sends later than the late threshold.</param>
/// <param name="Dropped">Measured arrivals never sent.</param>
/// <param name="DispatchLagP99Ms">99th percentile of dispatch lag (intended time to dispatch): the generator's own lateness, judged for validity.</param>
/// <param name="SendLagP50Ms">Median send lag (intended time to actual start, including any wait for a connection).</param>
/// <param name="SendLagP99Ms">99th percentile send lag.</param>
/// <param name="SendLagMaxMs">Largest send lag.</param>
/// <param name="PeakInFlight">Most requests open at once.</param>
/// <param name="Valid">False when any criterion failed.</param>
/// <param name="Problems">Why the run is invalid, one line each.</param>
internal sealed record GeneratorHealth(
    string Model,
    double TargetRate,
    double AchievedRate,
    long Scheduled,
    long Sent,
    long LateSends,
    long Dropped,
    double DispatchLagP99Ms,
    double SendLagP50Ms,
    double SendLagP99Ms,
    double SendLagMaxMs,
    long PeakInFlight,
    bool Valid,
    IReadOnlyList<string> Problems)
{
    /// <summary>
    /// The largest dispatch lag: no request's latency holds more of the generator's own lateness than this. Null in results
    /// written before it was recorded.
    /// </summary>
    public double? DispatchLagMaxMs { get; init; }
}
