using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using Perf.Load.Measurement;
using Perf.Load.Scenarios;

namespace Perf.Load.Execution;

/// <summary>Sends one request and records its latency from the intended start, its service time and its send lag.</summary>
internal sealed class RequestExecutor
{
    private const int ReadBufferSize = 16 * 1024;
    private readonly HttpClient _client;
    private readonly RunRecorder _recorder;
    private readonly SemaphoreSlim? _connections;

    /// <param name="client">The tuned client.</param>
    /// <param name="recorder">Where measurements go.</param>
    /// <param name="connections">Optional limit on requests on the wire at once (like a browser's 6 per host); arrivals beyond it queue without blocking the dispatcher.</param>
    public RequestExecutor(HttpClient client, RunRecorder recorder, SemaphoreSlim? connections = null)
    {
        _client = client;
        _recorder = recorder;
        _connections = connections;
    }

    /// <summary>Sends <paramref name="request"/> now; the caller decided it was intended at <paramref name="intendedTicks"/>.</summary>
    /// <remarks>Never throws: every failure is a recorded outcome. <paramref name="abort"/> ends requests still open when the run stops; they count as timeouts.</remarks>
    public async Task ExecuteAsync(LoadRequest request, long intendedTicks, bool measured, CancellationToken abort)
    {
        var dispatched = Stopwatch.GetTimestamp();
        var start = dispatched;
        var status = 0;
        long bytes = 0;
        RequestOutcome outcome;
        byte[]? body = null;
        var bodyLength = 0;
        var holdsConnection = false;
        try
        {
            if (_connections is not null)
            {
                // Waiting for a free connection is part of what the user experiences (end − intended) but not of
                // the service time: this is exactly the delay a closed-loop or send-timed tool never sees.
                await _connections.WaitAsync(abort).ConfigureAwait(false);
                holdsConnection = true;
                start = Stopwatch.GetTimestamp();
            }

            if (measured)
            {
                _recorder.OnSent(Histograms.TicksToMicros(dispatched - intendedTicks), start);
            }

            using var message = new HttpRequestMessage(HttpMethod.Get, request.PathAndQuery);
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, abort).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var stream = await response.Content.ReadAsStreamAsync(abort).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                (bytes, body, bodyLength) = await ReadBodyAsync(stream, request.Observer is not null, abort).ConfigureAwait(false);
            }

            outcome = status is >= 200 and < 400 ? RequestOutcome.Ok : RequestOutcome.HttpError;
        }
        catch (OperationCanceledException)
        {
            // Either HttpClient.Timeout fired or the run ended with this request still open: both are timeouts.
            outcome = RequestOutcome.Timeout;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or InvalidOperationException)
        {
            outcome = RequestOutcome.NetworkError;
        }

        var end = Stopwatch.GetTimestamp();
        if (holdsConnection)
        {
            _connections!.Release();
        }

        _recorder.ExitFlight();
        try
        {
            request.Observer?.OnResponse(outcome == RequestOutcome.Ok ? status : 0, body.AsSpan(0, bodyLength));
        }
        finally
        {
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }

        if (measured)
        {
            var sample = new RequestSample(
                Histograms.TicksToMicros(end - intendedTicks),
                Histograms.TicksToMicros(end - start),
                Histograms.TicksToMicros(start - intendedTicks),
                status,
                outcome,
                bytes);
            _recorder.Record(request.Scenario, request.Endpoint, sample);
        }
    }

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

                var offset = keep ? length : 0;
                var read = await stream.ReadAsync(buffer.AsMemory(offset), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (keep)
                {
                    length += read;
                }
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
