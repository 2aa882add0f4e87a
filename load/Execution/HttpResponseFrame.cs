namespace Perf.Load.Execution;

/// <summary>Where one response lies in a receive buffer.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="BodyStart">Offset of the body (or of the first chunk-size line).</param>
/// <param name="End">Offset just past the response; the next response starts here.</param>
/// <param name="BodyBytes">Body length without chunk framing.</param>
/// <param name="Chunked">Transfer-Encoding: chunked.</param>
/// <param name="Close">The connection cannot be reused afterwards.</param>
internal readonly record struct HttpResponseFrame(int Status, int BodyStart, int End, long BodyBytes, bool Chunked, bool Close);
