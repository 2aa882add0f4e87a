namespace Perf.Load.Execution;

/// <summary>How a run's requests reach the server: the one seam between <see cref="LoadRunner"/> (schedule, timing, drain, generator health) and the sockets.</summary>
/// <remarks>
/// <see cref="LoadEngine.Create"/> picks the engine for a plan. Every engine sends each request at (or after) its intended
/// time, frames responses with <see cref="HttpResponseFraming"/> when it speaks HTTP itself, and ends every request
/// through <see cref="RequestExecutor.Complete(Measurement.RunRecorder, Scenarios.LoadRequest, RequestTiming, Measurement.RequestOutcome, int, long, ReadOnlySpan{byte})"/>,
/// so what is recorded does not depend on the engine.
/// </remarks>
internal interface ILoadEngine : IDisposable
{
    /// <summary>What the manifest records as the engine, e.g. <c>event loop (epoll), raw HTTP/1.1</c>.</summary>
    string Description { get; }

    /// <summary>Open model: starts sending the plan's schedule from <paramref name="startTicks"/>.</summary>
    /// <param name="startTicks">Stopwatch timestamp of offset zero.</param>
    /// <param name="giveUpTicks">After this, arrivals still unsent are counted as dropped instead.</param>
    /// <param name="abort">Stops dispatching and ends the requests still open as timeouts.</param>
    OpenModelRun StartOpen(long startTicks, long giveUpTicks, CancellationToken abort);

    /// <summary>Closed model: runs the plan's workers until <paramref name="endTicks"/>; requests started before <paramref name="measuredStartTicks"/> are not counted.</summary>
    Task RunClosedAsync(long measuredStartTicks, long endTicks, CancellationToken abort);
}

/// <summary>An open-model run in progress.</summary>
/// <param name="Dispatched">Completes, with the number of measured arrivals in the schedule, once the last arrival was sent or dropped; responses may still be open.</param>
/// <param name="Stopped">Completes when the engine has let go of every request (after the runner's drain cancelled the rest).</param>
internal sealed record OpenModelRun(Task<long> Dispatched, Task Stopped);
