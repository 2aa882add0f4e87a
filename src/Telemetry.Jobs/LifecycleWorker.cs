using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Telemetry.Jobs;

/// <summary>Runs each scheduled job at its cron times until the host stops.</summary>
/// <remarks>
/// Each job has its own loop, so a long archival never delays the hourly rollup, and a job never overlaps itself:
/// occurrences missed while it ran are skipped, not queued. A failure is logged and the job waits for its next time.
/// </remarks>
internal sealed class LifecycleWorker(JobRunner runner, JobArguments arguments, TimeProvider time, ILogger<LifecycleWorker> logger) : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(arguments.Schedules
            .Where(s => s.Job != JobKind.WarmCache || arguments.Api is not null)
            .Select(s => RunScheduleAsync(s, stoppingToken)));

    private async Task RunScheduleAsync(JobSchedule schedule, CancellationToken stoppingToken)
    {
        var name = schedule.Job.ToName();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.Next(now);
            JobsLog.Scheduled(logger, name, schedule.Expression, next);
            if (next is null)
            {
                return;
            }

            try
            {
                // Task.Delay waits at most about 49.7 days: a schedule further off (a yearly one) waits a day at a time.
                if (next.Value - now > LongestWait)
                {
                    await Task.Delay(LongestWait, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await Task.Delay(next.Value - now, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await runner.RunAsync(schedule.Job, time.GetUtcNow().UtcDateTime, stoppingToken).ConfigureAwait(false);
                JobsLog.Finished(logger, name, Stopwatch.GetElapsedTime(started));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A worker must survive any job failure; the failure is logged and the job retried on schedule.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                JobsLog.Failed(logger, ex, name);
            }
        }
    }
}
