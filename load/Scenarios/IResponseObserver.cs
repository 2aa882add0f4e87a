namespace Perf.Load.Scenarios;

/// <summary>Sees the body of a response a scenario needs to continue (e.g. the next pagination cursor).</summary>
internal interface IResponseObserver
{
    /// <summary>Called once per response (status 0 when none arrived), with the whole body.</summary>
    void OnResponse(int statusCode, ReadOnlySpan<byte> body);
}
