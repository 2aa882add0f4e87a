using Perf.Load.Measurement;

namespace Perf.Load.Execution;

/// <summary>The raw client on its own threads: <see cref="EventLoopOpenModel"/> and <see cref="EventLoopClosedModel"/> over epoll.</summary>
internal sealed class EventLoopEngine(RunPlan plan, RunRecorder recorder) : ILoadEngine
{
    public string Description => "event loop (epoll), raw HTTP/1.1";

    public OpenModelRun StartOpen(long startTicks, long giveUpTicks, CancellationToken abort)
    {
        var loop = new EventLoopOpenModel(plan, recorder);
        var stopped = loop.RunAsync(startTicks, giveUpTicks, abort);
        return new OpenModelRun(loop.Dispatched, stopped);
    }

    public Task RunClosedAsync(long measuredStartTicks, long endTicks, CancellationToken abort) =>
        new EventLoopClosedModel(plan, recorder).RunAsync(measuredStartTicks, endTicks, abort);

    public void Dispose()
    {
        // The loops own their sockets and close them when they end.
    }
}
