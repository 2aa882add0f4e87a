using Perf.Load.Measurement;

namespace Perf.Load.Reports;

/// <summary>Stats of one group (the run, a scenario or an endpoint) as reported.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Requests.</param>
/// <param name="Ok">Requests with status 200–399.</param>
/// <param name="Failed">Other requests (HTTP errors, timeouts, network errors, dropped).</param>
/// <param name="Shed">Of <paramref name="Failed"/>, those answered 429 or 503: load the API shed, not errors.</param>
/// <param name="FailedRate">Failed / count.</param>
/// <param name="Rps">Requests per second of measured time.</param>
/// <param name="Bytes">Response body bytes.</param>
/// <param name="StatusCodes">Count per status code or failure kind.</param>
/// <param name="Latency">Gated latency: end minus intended start.</param>
/// <param name="ServiceTime">End minus actual start.</param>
internal sealed record GroupSummary(
    string Name,
    long Count,
    long Ok,
    long Failed,
    long Shed,
    double FailedRate,
    double Rps,
    long Bytes,
    IReadOnlyDictionary<string, long> StatusCodes,
    LatencySummary Latency,
    LatencySummary ServiceTime)
{
    /// <summary>Summarises a snapshot over <paramref name="seconds"/> of measured time.</summary>
    public static GroupSummary From(StatsSnapshot snapshot, double seconds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new GroupSummary(
            snapshot.Name,
            snapshot.Count,
            snapshot.Ok,
            snapshot.Failed,
            snapshot.Shed,
            snapshot.FailedRate,
            seconds <= 0 ? 0 : snapshot.Count / seconds,
            snapshot.Bytes,
            new SortedDictionary<string, long>(snapshot.StatusCodes.ToDictionary(), StringComparer.Ordinal),
            LatencySummary.From(snapshot.Latency),
            LatencySummary.From(snapshot.Service));
    }
}
