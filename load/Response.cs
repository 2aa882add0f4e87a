namespace Perf.Load;

/// <summary>What one invocation of a scenario's step (or one of its sub-steps) reports: ok or failed, a status code and a size.</summary>
/// <param name="IsError">True for a failed invocation; it counts in the error rate.</param>
/// <param name="StatusCode">An HTTP status or any code of the step's own (0 when none); reports count invocations per code.</param>
/// <param name="SizeBytes">Bytes the step received, for the reports' byte counts.</param>
public readonly record struct Response(bool IsError, int StatusCode, long SizeBytes)
{
    /// <summary>A successful invocation.</summary>
    public static Response Ok(int statusCode = 200, long sizeBytes = 0) => new(false, statusCode, sizeBytes);

    /// <summary>A failed invocation.</summary>
    public static Response Fail(int statusCode = 0, long sizeBytes = 0) => new(true, statusCode, sizeBytes);

    /// <summary>Ok for a 2xx or 3xx status, else failed; the size is the body's Content-Length when the server sent one.</summary>
    public static Response From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        return new(status is < 200 or >= 400, status, response.Content.Headers.ContentLength ?? 0);
    }
}
