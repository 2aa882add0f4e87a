using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using Perf.Load.Measurement;
using Perf.Load.Scenarios;

namespace Perf.Load.Execution;

/// <summary>The closed model as wrk runs it: one event-loop thread per core, each driving its share of the connections through epoll.</summary>
/// <remarks>
/// With a blocking thread per connection every response is a context switch; here one <c>epoll_wait</c> hands a thread
/// every response that has arrived, which is what lets wrk saturate a server from the same two cores. Measured here
/// with <c>calibrate</c>, 16 connections to a server in another process: 0.92–1.05× wrk's rate in four runs, where the
/// blocking threads made 0.67–0.79×. Each worker (connection) still sends its next request only when the previous
/// response is complete, so the model, its numbers and its blind spot for stalls are those of <see cref="ClosedModelRunner"/>.
/// </remarks>
internal sealed class EventLoopClosedModel
{
    private const int WaitMilliseconds = 10;
    private readonly RunPlan _plan;
    private readonly RunRecorder _recorder;
    private readonly HttpTarget _target;
    private readonly long _timeoutTicks;

    public EventLoopClosedModel(RunPlan plan, RunRecorder recorder)
    {
        _plan = plan;
        _recorder = recorder;
        _target = new HttpTarget(plan.Target);
        _timeoutTicks = Histograms.MicrosToTicks(plan.RequestTimeout.TotalMicroseconds);
    }

    /// <summary>Runs until <paramref name="endTicks"/> and the last responses are in (or <paramref name="abort"/>); requests started before <paramref name="measuredStartTicks"/> are not counted.</summary>
    public Task RunAsync(long measuredStartTicks, long endTicks, CancellationToken abort)
    {
        var concurrency = _plan.Profile.Concurrency;
        var threads = Math.Min(concurrency, Environment.ProcessorCount);
        var loops = new Task[threads];
        var first = 0;
        for (var t = 0; t < threads; t++)
        {
            // Connections split as evenly as they go: 16 over 3 threads is 6, 5, 5.
            var count = (concurrency / threads) + (t < concurrency % threads ? 1 : 0);
            var workers = Enumerable.Range(0, count).Select(i => new Worker(i, _plan.Seed + first + i)).ToArray();
            first += count;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                try
                {
                    Loop(workers, measuredStartTicks, endTicks, abort);
                    done.SetResult();
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            })
            {
                IsBackground = true,
                Name = "load-loop",
            }.Start();
            loops[t] = done.Task;
        }

        return Task.WhenAll(loops);
    }

    private void Loop(Worker[] workers, long measuredStartTicks, long endTicks, CancellationToken abort)
    {
        using var epoll = new Epoll();
        var events = new Epoll.EpollEvent[Math.Max(16, workers.Length)];
        var sweepTicks = Stopwatch.Frequency * WaitMilliseconds / 1000;
        long nextSweep = 0;
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (abort.IsCancellationRequested)
                {
                    // Still open when the run ends: timeouts, as everywhere in the runner.
                    foreach (var worker in workers.Where(w => w.Request is not null))
                    {
                        Fail(epoll, worker, RequestOutcome.Timeout, now);
                    }

                    return;
                }

                // Every worker at most once per wait interval, not on every wake: completions restart their worker
                // themselves, so the sweep only retries failed starts, ends timeouts and notices the end.
                if (now >= nextSweep)
                {
                    nextSweep = now + sweepTicks;
                    var busy = false;
                    foreach (var worker in workers)
                    {
                        if (worker.Request is null && now < endTicks)
                        {
                            Start(epoll, worker, measuredStartTicks, now);
                        }
                        else if (worker.Request is not null && now - worker.StartTicks > _timeoutTicks)
                        {
                            Fail(epoll, worker, RequestOutcome.Timeout, now);
                        }

                        busy |= worker.Request is not null;
                    }

                    if (!busy && now >= endTicks)
                    {
                        return;
                    }
                }

                var ready = epoll.Wait(events, WaitMilliseconds);
                for (var i = 0; i < ready; i++)
                {
                    var worker = workers[(int)events[i].Data];
                    if (worker.Request is null)
                    {
                        // Bytes or end of stream on an idle keep-alive connection: the server is done with it.
                        worker.Connection.Close(epoll);
                        continue;
                    }

                    if (!OnReadable(epoll, worker))
                    {
                        continue;
                    }

                    // Like wrk: the next request leaves as soon as the previous response is in.
                    var completed = Stopwatch.GetTimestamp();
                    if (completed < endTicks)
                    {
                        Start(epoll, worker, measuredStartTicks, completed);
                    }
                }
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Connection.Close(epoll);
            }
        }
    }

    /// <summary>Sends the worker's next request, connecting first when it has no connection; a failure is recorded and the worker retries on the next pass.</summary>
    private void Start(Epoll epoll, Worker worker, long measuredStartTicks, long now)
    {
        var request = _plan.Mix.Next(worker.Random);
        _recorder.TryEnterFlight(long.MaxValue);
        worker.Request = request;
        worker.StartTicks = now;
        worker.Measured = now >= measuredStartTicks;
        if (worker.Measured)
        {
            _recorder.OnSent(0, now);
        }

        byte[]? encoded = null;
        try
        {
            worker.Connection.Open(epoll, _target.EndPoint);
            encoded = _target.EncodeGet(request.PathAndQuery, out var length);
            worker.Connection.Send(encoded.AsSpan(0, length));
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            Fail(epoll, worker, RequestOutcome.NetworkError, Stopwatch.GetTimestamp());
        }
        finally
        {
            if (encoded is not null)
            {
                ArrayPool<byte>.Shared.Return(encoded);
            }
        }
    }

    /// <summary>Reads what arrived; true when it completed the response (recorded, the worker free again).</summary>
    private bool OnReadable(Epoll epoll, Worker worker)
    {
        try
        {
            var endOfStream = !worker.Connection.Receive();
            var end = Stopwatch.GetTimestamp();
            if (!HttpResponseFraming.TryFrame(worker.Connection.Received, endOfStream, out var frame))
            {
                if (endOfStream)
                {
                    throw new IOException("The server closed the connection before the response was complete.");
                }

                return false;
            }

            var request = worker.Request!;
            worker.Request = null;
            RequestExecutor.Complete(_recorder, request, new RequestTiming(worker.StartTicks, worker.StartTicks, end, worker.Measured), frame, worker.Connection.Received);
            worker.Connection.Consume(frame.End);
            if (frame.Close || endOfStream)
            {
                worker.Connection.Close(epoll);
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException)
        {
            Fail(epoll, worker, RequestOutcome.NetworkError, Stopwatch.GetTimestamp());
            return false;
        }
    }

    private void Fail(Epoll epoll, Worker worker, RequestOutcome outcome, long end)
    {
        var request = worker.Request!;
        worker.Request = null;
        worker.Connection.Close(epoll);
        RequestExecutor.Complete(_recorder, request, new RequestTiming(worker.StartTicks, worker.StartTicks, end, worker.Measured), outcome, 0, 0, []);
    }

    /// <summary>One closed-model worker: a keep-alive connection and the request it waits for.</summary>
    /// <param name="token">Its index in its loop's array: the epoll tag of its connection.</param>
    /// <param name="seed">Seeds its request mix.</param>
    private sealed class Worker(int token, int seed)
    {
        public LoopConnection Connection { get; } = new(token);

        public Random Random { get; } = new(seed);

        public LoadRequest? Request { get; set; }

        public long StartTicks { get; set; }

        public bool Measured { get; set; }
    }
}
