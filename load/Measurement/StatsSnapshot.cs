using HdrHistogram;

namespace Perf.Load.Measurement;

/// <summary>Everything recorded for one group of requests; histograms can be added to merge runs.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Requests counted.</param>
/// <param name="Ok">Requests with status 200–399.</param>
/// <param name="Bytes">Response body bytes.</param>
/// <param name="StatusCodes">Count per status code, <c>timeout</c>, <c>error</c> or <c>dropped</c>.</param>
/// <param name="Latency">End minus intended start (µs).</param>
/// <param name="Service">End minus actual start (µs).</param>
/// <param name="SendLag">Actual start minus intended start (µs).</param>
internal sealed record StatsSnapshot(
    string Name,
    long Count,
    long Ok,
    long Bytes,
    IReadOnlyDictionary<string, long> StatusCodes,
    HistogramBase Latency,
    HistogramBase Service,
    HistogramBase SendLag)
{
    /// <summary>Requests that failed.</summary>
    public long Failed => Count - Ok;

    /// <summary>Failed requests answered 429 or 503: the API shedding load, as opposed to erring.</summary>
    public long Shed => StatusCodes.GetValueOrDefault("429") + StatusCodes.GetValueOrDefault("503");

    /// <summary>Fraction of requests that failed (0 when none were sent).</summary>
    public double FailedRate => Count == 0 ? 0 : (double)Failed / Count;

    /// <summary>Adds another snapshot of the same group: counts and histograms add, percentiles are recomputed.</summary>
    public StatsSnapshot Add(StatsSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var codes = new Dictionary<string, long>(StatusCodes, StringComparer.Ordinal);
        foreach (var (key, value) in other.StatusCodes)
        {
            codes[key] = codes.GetValueOrDefault(key) + value;
        }

        return new StatsSnapshot(
            Name,
            Count + other.Count,
            Ok + other.Ok,
            Bytes + other.Bytes,
            codes,
            Sum(Latency, other.Latency),
            Sum(Service, other.Service),
            Sum(SendLag, other.SendLag));
    }

    private static LongHistogram Sum(HistogramBase a, HistogramBase b)
    {
        var sum = Histograms.Create();
        sum.Add(a);
        sum.Add(b);
        return sum;
    }
}
