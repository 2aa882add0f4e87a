namespace Perf.Load.Execution;

/// <summary>A complete response as a transport read it.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Bytes">Body bytes read.</param>
/// <param name="Body">The body in a buffer rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> when it was asked for, else null; the caller returns it.</param>
/// <param name="BodyLength">Valid bytes in <paramref name="Body"/>.</param>
internal readonly record struct TransportResponse(int StatusCode, long Bytes, byte[]? Body, int BodyLength);
