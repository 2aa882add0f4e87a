namespace Perf.Load.Measurement;

/// <summary>The measurements of one finished request, all in microseconds.</summary>
/// <param name="LatencyMicros">End minus intended start: what a user experiences, and what thresholds gate on.</param>
/// <param name="ServiceMicros">End minus actual start: what a closed-loop tool would report.</param>
/// <param name="SendLagMicros">Actual start minus intended start: the generator's own delay.</param>
/// <param name="StatusCode">HTTP status, or 0 when there was no response.</param>
/// <param name="Outcome">How the request ended.</param>
/// <param name="Bytes">Response body bytes read.</param>
internal readonly record struct RequestSample(
    long LatencyMicros,
    long ServiceMicros,
    long SendLagMicros,
    int StatusCode,
    RequestOutcome Outcome,
    long Bytes)
{
    /// <summary>The key this sample is counted under in the status-code table.</summary>
    public string StatusKey => Outcome switch
    {
        RequestOutcome.Timeout => "timeout",
        RequestOutcome.NetworkError => "error",
        RequestOutcome.Dropped => "dropped",
        _ => StatusCode is >= 100 and < 600 ? StatusTexts[StatusCode] : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // Status keys are formatted once, not once per request.
    private static readonly string[] StatusTexts = [.. Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
