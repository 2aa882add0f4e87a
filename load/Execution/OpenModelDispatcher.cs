using System.Diagnostics;
using Perf.Load.Measurement;
using Perf.Load.Model;

namespace Perf.Load.Execution;

/// <summary>Sends requests at their scheduled times on a dedicated thread, never waiting for responses.</summary>
/// <remarks>
/// The schedule is fixed before the run; a dispatcher that falls behind sends the overdue requests at once and
/// their intended times stay where they were, so the delay shows up in the gated latency and the send lag.
/// </remarks>
internal sealed class OpenModelDispatcher
{
    private readonly RunPlan _plan;
    private readonly RequestExecutor _executor;
    private readonly RunRecorder _recorder;

    public OpenModelDispatcher(RunPlan plan, RequestExecutor executor, RunRecorder recorder)
    {
        _plan = plan;
        _executor = executor;
        _recorder = recorder;
    }

    /// <summary>Dispatches the whole schedule from <paramref name="startTicks"/>; completes, with the number of measured arrivals in it, when the last request was sent.</summary>
    /// <param name="startTicks">Stopwatch timestamp of offset zero.</param>
    /// <param name="giveUpTicks">After this, arrivals still unsent are counted as dropped instead.</param>
    /// <param name="abort">Stops dispatching and ends open requests.</param>
    public Task<long> RunAsync(long startTicks, long giveUpTicks, CancellationToken abort)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(Dispatch(startTicks, giveUpTicks, abort));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "load-dispatcher",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return done.Task;
    }

    private long Dispatch(long startTicks, long giveUpTicks, CancellationToken abort)
    {
        PreciseClock.TightenTimerSlack();
        var random = new Random(_plan.Seed);
        var margin = new WakeMargin();
        long scheduled = 0;
        foreach (var arrival in ArrivalSchedule.Generate(_plan.Profile, _plan.Seed))
        {
            var measured = !arrival.IsWarmup;
            if (measured)
            {
                scheduled++;
            }

            var request = _plan.Mix.Next(random);
            var intended = startTicks + Histograms.MicrosToTicks(arrival.Offset.Ticks / 10.0);
            PreciseClock.WaitUntil(intended, abort, margin);
            if (abort.IsCancellationRequested || Stopwatch.GetTimestamp() > giveUpTicks)
            {
                if (measured)
                {
                    _recorder.OnDropped(request.Scenario, request.Endpoint);
                }

                continue;
            }

            if (!_recorder.TryEnterFlight(_plan.MaxInFlight))
            {
                if (measured)
                {
                    _recorder.OnDropped(request.Scenario, request.Endpoint);
                }

                continue;
            }

            _ = _executor.ExecuteAsync(request, intended, measured, abort);
        }

        return scheduled;
    }
}
