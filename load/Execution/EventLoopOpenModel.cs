using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using Perf.Load.Measurement;
using Perf.Load.Model;
using Perf.Load.Scenarios;

namespace Perf.Load.Execution;

/// <summary>The open model as wrk2 runs it: one event-loop thread sends every request at its scheduled time and reads the responses that arrive in between.</summary>
/// <remarks>
/// <para>
/// The thread that sends also receives, on sockets .NET's socket engine never sees: a response wakes this thread
/// directly (one wake, as in wrk), not an engine thread that then runs a continuation. The loop sleeps in
/// <c>epoll_pwait2</c> until a <see cref="WakeMargin"/> (200 µs, more while wake-ups run late) before the next send,
/// so a response that arrives meanwhile wakes it at once, and polls through the last stretch, because a wake-up from
/// an idle vCPU is tens of microseconds late (hundreds on a busy host) and that lateness would be (rightly) part of
/// the latency. The next request is chosen and encoded before that wait, so only the timestamp and the write lie
/// between the intended time and the send.
/// </para>
/// <para>
/// A response ends at the timestamp taken right after the read that completed it; parsing it is the client's time,
/// not the server's. The loop never waits for a response before a send: when it falls behind it sends the overdue
/// arrivals at once and their intended times stay, so the delay shows in the gated latency and the send lag.
/// Measured with <c>calibrate</c> against wrk on a trivial endpoint: see load/README.md.
/// </para>
/// </remarks>
internal sealed class EventLoopOpenModel
{
    private static readonly long SweepTicks = Histograms.MicrosToTicks(10_000);
    private readonly RunPlan _plan;
    private readonly RunRecorder _recorder;
    private readonly HttpTarget _target;
    private readonly long _timeoutTicks;
    private readonly List<Slot> _slots = [];
    private readonly Stack<Slot> _idle = new();
    private readonly TaskCompletionSource<long> _dispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;

    public EventLoopOpenModel(RunPlan plan, RunRecorder recorder)
    {
        _plan = plan;
        _recorder = recorder;
        _target = new HttpTarget(plan.Target);
        _timeoutTicks = Histograms.MicrosToTicks(plan.RequestTimeout.TotalMicroseconds);
    }

    /// <summary>Completes, with the number of measured arrivals in the schedule, when the last arrival was sent or dropped; responses may still be open.</summary>
    public Task<long> Dispatched => _dispatched.Task;

    /// <summary>Runs the schedule from <paramref name="startTicks"/>; the returned task completes when every request has ended (or <paramref name="abort"/> ended the open ones as timeouts).</summary>
    /// <param name="startTicks">Stopwatch timestamp of offset zero.</param>
    /// <param name="giveUpTicks">After this, arrivals still unsent are counted as dropped instead.</param>
    /// <param name="abort">Stops dispatching and ends open requests as timeouts.</param>
    public Task RunAsync(long startTicks, long giveUpTicks, CancellationToken abort)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                Loop(startTicks, giveUpTicks, abort);
                stopped.SetResult();
            }
            catch (Exception ex)
            {
                _dispatched.TrySetException(ex);
                stopped.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "load-dispatcher",
            Priority = ThreadPriority.AboveNormal,
        }.Start();
        return stopped.Task;
    }

    private void Loop(long startTicks, long giveUpTicks, CancellationToken abort)
    {
        PreciseClock.TightenTimerSlack();
        using var epoll = new Epoll();
        var events = new Epoll.EpollEvent[64];
        var random = new Random(_plan.Seed);
        using var schedule = ArrivalSchedule.Generate(_plan.Profile, _plan.Seed).GetEnumerator();
        long scheduled = 0;
        Exchange? Prepare()
        {
            if (!schedule.MoveNext())
            {
                return null;
            }

            var arrival = schedule.Current;
            scheduled += arrival.IsWarmup ? 0 : 1;
            var request = _plan.Mix.Next(random);
            var encoded = _target.EncodeGet(request.PathAndQuery, out var length);
            return new Exchange(request, startTicks + Histograms.MicrosToTicks(arrival.Offset.Ticks / 10.0), !arrival.IsWarmup, encoded, length);
        }

        var next = Prepare();
        var nextSweep = Stopwatch.GetTimestamp() + SweepTicks;
        var margin = new WakeMargin();
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (abort.IsCancellationRequested)
                {
                    // Still open when the run ends: timeouts. Arrivals not yet due were never sent.
                    foreach (var slot in _slots.Where(s => s.Exchange is not null))
                    {
                        Fail(epoll, slot, RequestOutcome.Timeout, now);
                    }

                    if (next is not null)
                    {
                        Drop(next);
                        next = null;
                    }

                    while (schedule.MoveNext())
                    {
                        var request = _plan.Mix.Next(random);
                        if (!schedule.Current.IsWarmup)
                        {
                            scheduled++;
                            _recorder.OnDropped(request.Scenario, request.Endpoint);
                        }
                    }

                    _dispatched.TrySetResult(scheduled);
                    return;
                }

                while (next is not null && now >= next.IntendedTicks)
                {
                    Dispatch(epoll, next, giveUpTicks);
                    next = Prepare();
                    now = Stopwatch.GetTimestamp();
                }

                if (next is null)
                {
                    _dispatched.TrySetResult(scheduled);
                    if (_open == 0)
                    {
                        return;
                    }
                }

                if (now >= nextSweep)
                {
                    nextSweep = now + SweepTicks;
                    Sweep(epoll, now);
                }

                var wakeAt = Math.Min(next is null ? long.MaxValue : next.IntendedTicks - margin.Ticks, nextSweep);
                int ready;
                if (wakeAt > now)
                {
                    ready = epoll.WaitNanoseconds(events, (long)((wakeAt - now) * (1e9 / Stopwatch.Frequency)));
                    if (ready == 0)
                    {
                        margin.OnTimedWake(Stopwatch.GetTimestamp() - wakeAt);
                    }
                }
                else if (_open > 0)
                {
                    // The last stretch before a send: poll, so responses arriving now are still timed when they arrive.
                    ready = epoll.Wait(events, 0);
                }
                else
                {
                    Thread.SpinWait(20);
                    continue;
                }

                for (var i = 0; i < ready; i++)
                {
                    OnEvent(epoll, _slots[(int)events[i].Data]);
                }
            }
        }
        finally
        {
            foreach (var slot in _slots)
            {
                slot.Connection.Close(epoll);
                slot.Exchange?.Release();
            }

            next?.Release();
        }
    }

    /// <summary>Sends an arrival that is due, on an idle connection or a new one; drops it when the run is past giving up or too many requests are open.</summary>
    private void Dispatch(Epoll epoll, Exchange exchange, long giveUpTicks)
    {
        if (Stopwatch.GetTimestamp() > giveUpTicks || !_recorder.TryEnterFlight(_plan.MaxInFlight))
        {
            Drop(exchange);
            return;
        }

        _open++;
        Start(epoll, exchange, TakeIdle());
        if (exchange.Measured)
        {
            // Recorded after the write, so the bookkeeping is not between the intended time and the send.
            _recorder.OnSent(Histograms.TicksToMicros(exchange.StartTicks - exchange.IntendedTicks), exchange.StartTicks);
        }
    }

    private void Drop(Exchange exchange)
    {
        if (exchange.Measured)
        {
            _recorder.OnDropped(exchange.Request.Scenario, exchange.Request.Endpoint);
        }

        exchange.Release();
    }

    /// <summary>Writes the request on <paramref name="slot"/> (a pooled connection) or on a new connection once it is connected.</summary>
    private void Start(Epoll epoll, Exchange exchange, Slot? slot)
    {
        var pooled = slot is not null;
        slot ??= _slots.FirstOrDefault(s => !s.Connection.IsOpen && s.Exchange is null) ?? NewSlot();
        slot.Exchange = exchange;

        // A retry keeps the first attempt's start: the failed attempt is part of this request's service time.
        if (exchange.StartTicks == 0)
        {
            exchange.StartTicks = Stopwatch.GetTimestamp();
        }

        try
        {
            if (!pooled)
            {
                slot.Connection.BeginOpen(epoll, _target.EndPoint);
            }

            if (!slot.Connection.Connecting)
            {
                slot.Connection.Send(exchange.Encoded);
            }
        }
        catch (SocketException) when (pooled)
        {
            // The server closed this pooled connection while it was idle: once more on a new one.
            Retry(epoll, slot);
        }
        catch (SocketException)
        {
            Fail(epoll, slot, RequestOutcome.NetworkError, Stopwatch.GetTimestamp());
        }
    }

    private Slot NewSlot()
    {
        var slot = new Slot(_slots.Count);
        _slots.Add(slot);
        return slot;
    }

    /// <summary>A pooled connection still open, if any (the server may have closed some while they were idle).</summary>
    private Slot? TakeIdle()
    {
        while (_idle.TryPop(out var slot))
        {
            if (slot.Connection.IsOpen && slot.Exchange is null)
            {
                return slot;
            }
        }

        return null;
    }

    private void OnEvent(Epoll epoll, Slot slot)
    {
        var exchange = slot.Exchange;
        if (exchange is null)
        {
            // Bytes or end of stream on an idle keep-alive connection: the server is done with it.
            slot.Connection.Close(epoll);
            return;
        }

        try
        {
            if (slot.Connection.Connecting)
            {
                slot.Connection.EndOpen(epoll);
                slot.Connection.Send(exchange.Encoded);
                return;
            }

            var endOfStream = !slot.Connection.Receive();
            var received = Stopwatch.GetTimestamp();
            if (!HttpResponseFraming.TryFrame(slot.Connection.Received, endOfStream, out var frame))
            {
                if (endOfStream)
                {
                    throw new IOException("The server closed the connection before the response was complete.");
                }

                return;
            }

            End(slot);
            RequestExecutor.Complete(_recorder, exchange.Request, new RequestTiming(exchange.IntendedTicks, exchange.StartTicks, received, exchange.Measured), frame, slot.Connection.Received);
            slot.Connection.Consume(frame.End);
            slot.Connection.Completed++;
            if (frame.Close || endOfStream)
            {
                slot.Connection.Close(epoll);
            }
            else
            {
                _idle.Push(slot);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException)
        {
            if (slot.Connection.Completed > 0 && slot.Connection.Received.IsEmpty && !exchange.Retried)
            {
                // A pooled connection the server had closed fails before any byte of the response: once more on a new one.
                Retry(epoll, slot);
                return;
            }

            Fail(epoll, slot, RequestOutcome.NetworkError, Stopwatch.GetTimestamp());
        }
    }

    private void Retry(Epoll epoll, Slot slot)
    {
        var exchange = slot.Exchange!;
        slot.Exchange = null;
        slot.Connection.Close(epoll);
        exchange.Retried = true;
        Start(epoll, exchange, null);
    }

    private void Fail(Epoll epoll, Slot slot, RequestOutcome outcome, long end)
    {
        var exchange = slot.Exchange!;
        slot.Connection.Close(epoll);
        End(slot);
        RequestExecutor.Complete(_recorder, exchange.Request, new RequestTiming(exchange.IntendedTicks, exchange.StartTicks, end, exchange.Measured), outcome, 0, 0, []);
    }

    /// <summary>Frees the slot's connection for the next arrival and the exchange's pooled request bytes.</summary>
    private void End(Slot slot)
    {
        slot.Exchange!.Release();
        slot.Exchange = null;
        _open--;
    }

    /// <summary>Ends the requests open longer than the request timeout.</summary>
    private void Sweep(Epoll epoll, long now)
    {
        foreach (var slot in _slots)
        {
            if (slot.Exchange is { } exchange && now - exchange.StartTicks > _timeoutTicks)
            {
                Fail(epoll, slot, RequestOutcome.Timeout, now);
            }
        }
    }

    /// <summary>One scheduled request: what to send, when it was meant to go, and its encoded bytes (pooled until it ends).</summary>
    private sealed class Exchange(LoadRequest request, long intendedTicks, bool measured, byte[] buffer, int length)
    {
        private byte[]? _buffer = buffer;

        public LoadRequest Request { get; } = request;

        public long IntendedTicks { get; } = intendedTicks;

        public bool Measured { get; } = measured;

        public long StartTicks { get; set; }

        public bool Retried { get; set; }

        public ReadOnlySpan<byte> Encoded => _buffer.AsSpan(0, length);

        public void Release()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }

    /// <summary>A connection and the exchange it carries, if any.</summary>
    private sealed class Slot(int token)
    {
        public LoopConnection Connection { get; } = new(token);

        public Exchange? Exchange { get; set; }
    }
}
