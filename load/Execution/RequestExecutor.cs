using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using Perf.Load.Measurement;
using Perf.Load.Scenarios;

namespace Perf.Load.Execution;

/// <summary>Sends one request and records its latency from the intended start, its service time and its send lag.</summary>
internal sealed class RequestExecutor
{
    private readonly ILoadTransport _transport;
    private readonly RunRecorder _recorder;
    private readonly SemaphoreSlim? _connections;

    /// <param name="transport">The HTTP client.</param>
    /// <param name="recorder">Where measurements go.</param>
    /// <param name="connections">Optional limit on requests on the wire at once (like a browser's 6 per host); arrivals beyond it queue without blocking the dispatcher.</param>
    public RequestExecutor(ILoadTransport transport, RunRecorder recorder, SemaphoreSlim? connections = null)
    {
        _transport = transport;
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
        if (measured)
        {
            // The generator's part ends at dispatch: its lateness and its achieved rate are judged here.
            _recorder.OnSent(Histograms.TicksToMicros(dispatched - intendedTicks), dispatched);
        }

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

            if (request.Invocation is { } invocation)
            {
                (outcome, status, bytes) = await invocation.InvokeAsync(_recorder, intendedTicks, measured, abort).ConfigureAwait(false);
            }
            else
            {
                (status, bytes, body, bodyLength) = await _transport.GetAsync(request.PathAndQuery, request.ReadBody is not null, abort).ConfigureAwait(false);
                outcome = OutcomeOf(status);
            }
        }
        catch (OperationCanceledException)
        {
            // Either the request timeout fired or the run ended with this request still open: both are timeouts.
            outcome = RequestOutcome.Timeout;
        }
        catch (Exception ex) when (abort.IsCancellationRequested && ex is IOException or SocketException or ObjectDisposedException)
        {
            // The run ended and closed the connection under a blocking call: still open at the end, so a timeout.
            outcome = RequestOutcome.Timeout;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or InvalidOperationException or InvalidDataException)
        {
            outcome = RequestOutcome.NetworkError;
        }

        var end = Stopwatch.GetTimestamp();
        if (holdsConnection)
        {
            _connections!.Release();
        }

        try
        {
            Complete(_recorder, request, new RequestTiming(intendedTicks, start, end, measured), outcome, status, bytes, body.AsSpan(0, bodyLength));
        }
        finally
        {
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
    }

    /// <summary>Ok for 2xx and 3xx, else an HTTP error.</summary>
    internal static RequestOutcome OutcomeOf(int status) => status is >= 200 and < 400 ? RequestOutcome.Ok : RequestOutcome.HttpError;

    /// <summary>Ends one request from a response framed in a receive buffer, copying the body out when the request reads it.</summary>
    internal static void Complete(RunRecorder recorder, LoadRequest request, RequestTiming timing, HttpResponseFrame frame, ReadOnlySpan<byte> received)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[]? body = null;
        try
        {
            if (request.ReadBody is not null)
            {
                body = ArrayPool<byte>.Shared.Rent((int)frame.BodyBytes);
                HttpResponseFraming.CopyBody(received, frame, body);
            }

            Complete(recorder, request, timing, OutcomeOf(frame.Status), frame.Status, frame.BodyBytes, body.AsSpan(0, body is null ? 0 : (int)frame.BodyBytes));
        }
        finally
        {
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
    }

    /// <summary>Ends one request, however it was sent: hands the body to the request's reader (a reader that throws fails the request), records the sample when measured, and leaves the in-flight count.</summary>
    /// <remarks>
    /// The in-flight count drops last: the runner's drain ends, and its final snapshot is taken, once it reaches zero, so a
    /// sample recorded after the drop could miss the run's last interval or its totals.
    /// </remarks>
    internal static void Complete(RunRecorder recorder, LoadRequest request, RequestTiming timing, RequestOutcome outcome, int status, long bytes, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            try
            {
                request.ReadBody?.Invoke(outcome == RequestOutcome.Ok ? status : 0, body);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A reader that throws fails its request, as a scenario step that throws does: the run goes on.
                outcome = RequestOutcome.NetworkError;
            }

            if (timing.Measured)
            {
                var sample = new RequestSample(
                    Histograms.TicksToMicros(timing.EndTicks - timing.IntendedTicks),
                    Histograms.TicksToMicros(timing.EndTicks - timing.StartTicks),
                    Histograms.TicksToMicros(timing.StartTicks - timing.IntendedTicks),
                    status,
                    outcome,
                    bytes);
                recorder.Record(request.Scenario, request.Endpoint, sample);
            }
        }
        finally
        {
            recorder.ExitFlight();
        }
    }
}
