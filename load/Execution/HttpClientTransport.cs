using System.Buffers;

namespace Perf.Load.Execution;

/// <summary>The transport over a tuned <see cref="HttpClient"/> (any scheme, HTTPS included).</summary>
internal sealed class HttpClientTransport : ILoadTransport
{
    private const int ReadBufferSize = 16 * 1024;
    private readonly HttpClient _client;

    public HttpClientTransport(Uri baseAddress, TimeSpan requestTimeout, int maxConnections) =>
        _client = LoadHttpClient.Create(baseAddress, requestTimeout, maxConnections);

    public async Task<TransportResponse> GetAsync(string pathAndQuery, bool keepBody, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var (bytes, body, length) = await ReadBodyAsync(stream, keepBody, cancellationToken).ConfigureAwait(false);
            return new TransportResponse((int)response.StatusCode, bytes, body, length);
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<(long Bytes, byte[]? Body, int BodyLength)> ReadBodyAsync(Stream stream, bool keep, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        long total = 0;
        var length = 0;
        try
        {
            while (true)
            {
                if (keep && length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(keep ? length : 0), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                length += keep ? read : 0;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (keep)
        {
            return (total, buffer, length);
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return (total, null, 0);
    }
}
