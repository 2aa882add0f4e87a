namespace Perf.Load.Calibration;

/// <summary>One round of the throughput comparison.</summary>
/// <param name="RunnerRps">Runner closed model, requests per second.</param>
/// <param name="WrkRps">wrk, requests per second.</param>
internal sealed record ThroughputRound(double RunnerRps, double WrkRps);
