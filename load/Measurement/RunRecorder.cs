using System.Collections.Concurrent;

namespace Perf.Load.Measurement;

/// <summary>Collects every measured request of a run: totals, per scenario, per endpoint, per interval, and generator health counters.</summary>
internal sealed class RunRecorder
{
    /// <summary>Interval-log tag of the run's service-time histogram; <c>service.endpoint.NAME</c> etc. for groups.</summary>
    public const string ServiceTag = "service";

    private readonly ConcurrentDictionary<string, StatsAccumulator> _scenarios = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StatsAccumulator> _endpoints = new(StringComparer.Ordinal);
    private readonly List<IntervalSnapshot> _intervals = [];
    private readonly long _lateThresholdMicros;
    private readonly HdrHistogram.LongHistogram _dispatchLag = Histograms.Create();
    private long _sent;
    private long _late;
    private long _dropped;
    private long _inFlight;
    private long _peakInFlight;
    private long _lastMeasuredSendTicks;

    public RunRecorder(TimeSpan lateThreshold) => _lateThresholdMicros = (long)(lateThreshold.TotalMilliseconds * 1000);

    /// <summary>The whole run.</summary>
    public StatsAccumulator Total { get; } = new("total");

    /// <summary>Measured requests sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Measured requests that started later than the late threshold.</summary>
    public long LateSends => Interlocked.Read(ref _late);

    /// <summary>Measured arrivals never sent.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Requests currently in flight (warm-up included).</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Most requests in flight at once.</summary>
    public long PeakInFlight => Interlocked.Read(ref _peakInFlight);

    /// <summary>Stopwatch timestamp of the last measured dispatch.</summary>
    public long LastMeasuredSendTicks => Interlocked.Read(ref _lastMeasuredSendTicks);

    /// <summary>Creates the stats groups up front so reports list them even when empty.</summary>
    public void Register(IEnumerable<string> scenarios, IEnumerable<string> endpoints)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var name in scenarios)
        {
            _scenarios.GetOrAdd(name, static n => new StatsAccumulator(n));
        }

        foreach (var name in endpoints)
        {
            _endpoints.GetOrAdd(name, static n => new StatsAccumulator(n));
        }
    }

    /// <summary>A request is about to be sent; returns false when the in-flight limit says drop it.</summary>
    public bool TryEnterFlight(long maxInFlight)
    {
        var now = Interlocked.Increment(ref _inFlight);
        if (now > maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }

        long peak;
        while (now > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }

        return true;
    }

    /// <summary>A request finished (any outcome).</summary>
    public void ExitFlight() => Interlocked.Decrement(ref _inFlight);

    /// <summary>A measured request was dispatched at <paramref name="dispatchTicks"/>, <paramref name="dispatchLagMicros"/> after its intended time.</summary>
    /// <remarks>The dispatch lag is the generator's own lateness; waiting for a connection afterwards is not.</remarks>
    public void OnSent(long dispatchLagMicros, long dispatchTicks)
    {
        Interlocked.Increment(ref _sent);
        if (dispatchLagMicros > _lateThresholdMicros)
        {
            Interlocked.Increment(ref _late);
        }

        lock (_dispatchLag)
        {
            _dispatchLag.RecordValue(Histograms.Clamp(dispatchLagMicros));
        }

        long last;
        while (dispatchTicks > (last = Interlocked.Read(ref _lastMeasuredSendTicks))
            && Interlocked.CompareExchange(ref _lastMeasuredSendTicks, dispatchTicks, last) != last)
        {
        }
    }

    /// <summary>A measured arrival was never sent.</summary>
    public void OnDropped(string scenario, string endpoint)
    {
        Interlocked.Increment(ref _dropped);
        Record(scenario, endpoint, new RequestSample(0, 0, 0, 0, RequestOutcome.Dropped, 0));
    }

    /// <summary>Adds one finished, measured request to the run, its scenario and its endpoint.</summary>
    public void Record(string scenario, string endpoint, in RequestSample sample)
    {
        Total.Record(sample);
        _scenarios.GetOrAdd(scenario, static n => new StatsAccumulator(n)).Record(sample);
        _endpoints.GetOrAdd(endpoint, static n => new StatsAccumulator(n)).Record(sample);
    }

    /// <summary>Adds one measured sub-step of a request to its own endpoint group only: the request itself is recorded once, by <see cref="Record"/>.</summary>
    public void RecordStep(string step, in RequestSample sample) =>
        _endpoints.GetOrAdd(step, static n => new StatsAccumulator(n)).Record(sample);

    /// <summary>A copy of the dispatch-lag histogram (intended time to dispatch, µs) of measured requests.</summary>
    public HdrHistogram.HistogramBase DispatchLag()
    {
        lock (_dispatchLag)
        {
            return _dispatchLag.Copy();
        }
    }

    /// <summary>Closes the current interval of every group and starts the next.</summary>
    public IntervalSnapshot CloseInterval(long startUnixMs, long endUnixMs)
    {
        var snapshots = new List<IntervalSnapshot>();
        var (latency, service, errors) = Total.TakeInterval();
        var total = Snapshot(null, latency, errors);
        snapshots.Add(total);
        snapshots.Add(Snapshot(ServiceTag, service, errors));
        foreach (var (prefix, groups) in new[] { ("scenario.", _scenarios), ("endpoint.", _endpoints) })
        {
            foreach (var (name, stats) in groups.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var interval = stats.TakeInterval();
                snapshots.Add(Snapshot(prefix + name, interval.Latency, interval.Errors));
                snapshots.Add(Snapshot(ServiceTag + "." + prefix + name, interval.Service, interval.Errors));
            }
        }

        lock (_intervals)
        {
            _intervals.AddRange(snapshots);
        }

        return total;

        IntervalSnapshot Snapshot(string? tag, HdrHistogram.HistogramBase histogram, long errorCount)
        {
            histogram.StartTimeStamp = startUnixMs;
            histogram.EndTimeStamp = endUnixMs;
            return new IntervalSnapshot(
                tag,
                startUnixMs,
                endUnixMs,
                histogram.TotalCount,
                errorCount,
                Histograms.PercentileMs(histogram, 50),
                Histograms.PercentileMs(histogram, 90),
                Histograms.PercentileMs(histogram, 99),
                Histograms.MaxMs(histogram),
                HistogramCodec.Encode(histogram));
        }
    }

    /// <summary>All closed intervals, in order.</summary>
    public IReadOnlyList<IntervalSnapshot> Intervals
    {
        get
        {
            lock (_intervals)
            {
                return [.. _intervals];
            }
        }
    }

    /// <summary>Snapshots of every scenario group.</summary>
    public IReadOnlyList<StatsSnapshot> ScenarioSnapshots() =>
        [.. _scenarios.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Snapshot())];

    /// <summary>Snapshots of every endpoint group.</summary>
    public IReadOnlyList<StatsSnapshot> EndpointSnapshots() =>
        [.. _endpoints.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Snapshot())];
}
