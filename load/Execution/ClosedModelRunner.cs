using System.Diagnostics;

namespace Perf.Load.Execution;

/// <summary>A fixed number of workers, each sending its next request when the previous one returns.</summary>
/// <remarks>
/// Diagnostics only: a worker stuck behind a slow response sends nothing, so the slow period is sampled once per
/// worker instead of once per intended request. Its latency is therefore service time, exactly what closed-loop
/// tools report, and it hides stalls; SLO gates use the open model.
/// </remarks>
internal sealed class ClosedModelRunner
{
    private readonly RunPlan _plan;
    private readonly RequestExecutor _executor;
    private readonly Measurement.RunRecorder _recorder;

    /// <param name="plan">The run.</param>
    /// <param name="executor">Sends and records.</param>
    /// <param name="recorder">Counts in-flight requests.</param>
    public ClosedModelRunner(RunPlan plan, RequestExecutor executor, Measurement.RunRecorder recorder)
    {
        _plan = plan;
        _executor = executor;
        _recorder = recorder;
    }

    /// <summary>Runs the workers from now until <paramref name="endTicks"/>; requests started before <paramref name="measuredStartTicks"/> are not counted.</summary>
    public Task RunAsync(long measuredStartTicks, long endTicks, CancellationToken abort)
    {
        var workers = new Task[_plan.Profile.Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            var seed = _plan.Seed + i;
            workers[i] = Task.Run(() => WorkAsync(seed, measuredStartTicks, endTicks, abort), CancellationToken.None);
        }

        return Task.WhenAll(workers);
    }

    private async Task WorkAsync(int seed, long measuredStartTicks, long endTicks, CancellationToken abort)
    {
        var random = new Random(seed);
        while (!abort.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= endTicks)
            {
                return;
            }

            var request = _plan.Mix.Next(random);
            _recorder.TryEnterFlight(long.MaxValue);
            await _executor.ExecuteAsync(request, Stopwatch.GetTimestamp(), now >= measuredStartTicks, abort).ConfigureAwait(false);
        }
    }
}
