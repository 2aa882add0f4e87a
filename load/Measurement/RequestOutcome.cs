namespace Perf.Load.Measurement;

/// <summary>How a request ended.</summary>
internal enum RequestOutcome
{
    /// <summary>A response with status 200–399.</summary>
    Ok,

    /// <summary>A response with any other status.</summary>
    HttpError,

    /// <summary>No response within the request timeout, or still open when the run ended.</summary>
    Timeout,

    /// <summary>The connection failed or was reset.</summary>
    NetworkError,

    /// <summary>Never sent: the in-flight limit was reached. Its latency is unknown, so the run is invalid.</summary>
    Dropped,
}
