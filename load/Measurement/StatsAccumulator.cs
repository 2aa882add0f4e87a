using HdrHistogram;

namespace Perf.Load.Measurement;

/// <summary>Thread-safe running statistics of one group of requests (the run, a scenario or an endpoint).</summary>
internal sealed class StatsAccumulator
{
    private readonly Lock _gate = new();
    private readonly LongHistogram _latency = Histograms.Create();
    private readonly LongHistogram _service = Histograms.Create();
    private readonly LongHistogram _sendLag = Histograms.Create();
    private readonly Dictionary<string, long> _statusCodes = new(StringComparer.Ordinal);
    private LongHistogram _intervalLatency = Histograms.Create();
    private LongHistogram _intervalService = Histograms.Create();
    private long _intervalErrors;
    private long _count;
    private long _ok;
    private long _bytes;

    public StatsAccumulator(string name) => Name = name;

    /// <summary>Group name: <c>total</c>, a scenario or an endpoint.</summary>
    public string Name { get; }

    /// <summary>Requests counted so far.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Failed requests so far.</summary>
    public long Failed => Volatile.Read(ref _count) - Volatile.Read(ref _ok);

    /// <summary>Adds one finished request.</summary>
    public void Record(in RequestSample sample)
    {
        var key = sample.StatusKey;
        lock (_gate)
        {
            _count++;
            _bytes += sample.Bytes;
            _statusCodes[key] = _statusCodes.GetValueOrDefault(key) + 1;
            if (sample.Outcome == RequestOutcome.Ok)
            {
                _ok++;
            }
            else
            {
                _intervalErrors++;
            }

            if (sample.Outcome == RequestOutcome.Dropped)
            {
                return;
            }

            var latency = Histograms.Clamp(sample.LatencyMicros);
            var service = Histograms.Clamp(sample.ServiceMicros);
            _latency.RecordValue(latency);
            _service.RecordValue(service);
            _sendLag.RecordValue(Histograms.Clamp(sample.SendLagMicros));
            _intervalLatency.RecordValue(latency);
            _intervalService.RecordValue(service);
        }
    }

    /// <summary>A percentile of the gated latency so far, in milliseconds.</summary>
    public double LatencyPercentileMs(double percentile)
    {
        lock (_gate)
        {
            return Histograms.PercentileMs(_latency, percentile);
        }
    }

    /// <summary>Takes the interval histograms recorded since the last call and starts new ones.</summary>
    public (HistogramBase Latency, HistogramBase Service, long Errors) TakeInterval()
    {
        lock (_gate)
        {
            var latency = _intervalLatency;
            var service = _intervalService;
            var errors = _intervalErrors;
            _intervalLatency = Histograms.Create();
            _intervalService = Histograms.Create();
            _intervalErrors = 0;
            return (latency, service, errors);
        }
    }

    /// <summary>A consistent copy of everything recorded.</summary>
    public StatsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new StatsSnapshot(
                Name,
                _count,
                _ok,
                _bytes,
                new Dictionary<string, long>(_statusCodes, StringComparer.Ordinal),
                _latency.Copy(),
                _service.Copy(),
                _sendLag.Copy());
        }
    }
}
