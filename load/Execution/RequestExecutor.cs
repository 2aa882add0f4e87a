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

    public RequestExecutor(HttpClient client, RunRecorder recorder)
    {
        _client = client;
        _recorder = recorder;
    }

    /// <summary>Sends <paramref name="request"/> now; the caller decided it was intended at <paramref name="intendedTicks"/>.</summary>
    /// <remarks>Never throws: every failure is a recorded outcome. <paramref name="abort"/> ends requests still open when the run stops; they count as timeouts.</remarks>
    public async Task ExecuteAsync(LoadRequest request, long intendedTicks, bool measured, CancellationToken abort)
    {
        var start = Stopwatch.GetTimestamp();
        var sendLag = Histograms.TicksToMicros(start - intendedTicks);
        if (measured)
        {
            _recorder.OnSent(sendLag, start);
        }

        var status = 0;
        long bytes = 0;
        RequestOutcome outcome;
        byte[]? body = null;
        var bodyLength = 0;
        try
        {
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
                sendLag,
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
