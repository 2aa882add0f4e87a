namespace Perf.Load;

/// <summary>Reads the body of a response a scenario needs to go on, e.g. the next pagination cursor.</summary>
/// <param name="statusCode">The HTTP status, or 0 when no response arrived (timeout, refused connection).</param>
/// <param name="body">The whole body, de-chunked; valid only during the call.</param>
public delegate void ResponseBodyReader(int statusCode, ReadOnlySpan<byte> body);

/// <summary>One GET a request scenario (<see cref="Scenario.CreateRequests"/>) wants sent.</summary>
/// <param name="Endpoint">The endpoint name the request counts under in results and thresholds (one the scenario declared).</param>
/// <param name="PathAndQuery">Relative URL, e.g. <c>/api/trades/7?start_time=…</c>.</param>
/// <param name="ReadBody">Optional: receives the response body (which is buffered only when this is set).</param>
public sealed record HttpGet(string Endpoint, string PathAndQuery, ResponseBodyReader? ReadBody = null);
