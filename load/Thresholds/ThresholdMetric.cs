namespace Perf.Load.Thresholds;

/// <summary>What a threshold measures.</summary>
internal enum ThresholdMetric
{
    /// <summary>A percentile of the gated latency (end − intended), ms.</summary>
    Percentile,

    /// <summary>Mean gated latency, ms.</summary>
    Average,

    /// <summary>Smallest gated latency, ms.</summary>
    Minimum,

    /// <summary>Largest gated latency, ms.</summary>
    Maximum,

    /// <summary>Fraction of requests that failed (k6's <c>http_req_failed</c> rate).</summary>
    FailedRate,

    /// <summary>Requests per second.</summary>
    RequestRate,

    /// <summary>Number of requests.</summary>
    Count,
}
