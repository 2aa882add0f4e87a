using Perf.Load.Measurement;

namespace Perf.Load.Execution;

/// <summary>Requests as awaited tasks on the thread pool: <see cref="OpenModelDispatcher"/> and <see cref="ClosedModelRunner"/> over an <see cref="ILoadTransport"/>, with the optional connection limit.</summary>
internal sealed class AwaitedEngine : ILoadEngine
{
    private readonly RunPlan _plan;
    private readonly RunRecorder _recorder;
    private readonly ILoadTransport _transport;
    private readonly SemaphoreSlim? _connections;
    private readonly RequestExecutor _executor;

    /// <param name="plan">The run.</param>
    /// <param name="recorder">Where measurements go.</param>
    /// <param name="transport">Sends the GETs; owned and disposed by the engine.</param>
    /// <param name="description">What the manifest records.</param>
    public AwaitedEngine(RunPlan plan, RunRecorder recorder, ILoadTransport transport, string description)
    {
        _plan = plan;
        _recorder = recorder;
        _transport = transport;
        _connections = plan.MaxConnections > 0 ? new SemaphoreSlim(plan.MaxConnections, plan.MaxConnections) : null;
        _executor = new RequestExecutor(transport, recorder, _connections);
        Description = description;
    }

    public string Description { get; }

    public OpenModelRun StartOpen(long startTicks, long giveUpTicks, CancellationToken abort)
    {
        var dispatched = new OpenModelDispatcher(_plan, _executor, _recorder).RunAsync(startTicks, giveUpTicks, abort);

        // Awaited requests end on their own; the runner's drain waits for them through the recorder's in-flight count.
        return new OpenModelRun(dispatched, dispatched);
    }

    public Task RunClosedAsync(long measuredStartTicks, long endTicks, CancellationToken abort) =>
        new ClosedModelRunner(_plan, _executor, _recorder).RunAsync(measuredStartTicks, endTicks, abort);

    public void Dispose()
    {
        _transport.Dispose();
        _connections?.Dispose();
    }
}
