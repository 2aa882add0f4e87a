using System.Diagnostics;
using Perf.Analysis.Capacity;
using Perf.Load.Measurement;
using Perf.Load.Model;

namespace Perf.Load.Execution;

/// <summary>Runs one load test: warm-up, measured period, graceful stop, then generator health.</summary>
internal static class LoadRunner
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    /// <summary>How long after <see cref="RunAsync"/> is called the first request is due (the warm-up, then the measured period, start then).</summary>
    internal static readonly TimeSpan StartLead = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs <paramref name="plan"/> against its target.</summary>
    public static async Task<RunOutcome> RunAsync(RunPlan plan, ILoadProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var recorder = new RunRecorder(plan.Validity.LateThreshold);
        recorder.Register(plan.Mix.Scenarios.Select(s => s.Name), plan.Mix.Endpoints);
        using var engine = LoadEngine.Create(plan, recorder);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var profile = plan.Profile;
        var open = profile.Kind == LoadModelKind.Open;
        var startTicks = Stopwatch.GetTimestamp() + Histograms.MicrosToTicks(StartLead.TotalMicroseconds);
        var measuredStartTicks = startTicks + Histograms.MicrosToTicks(profile.Warmup.TotalMicroseconds);
        var measuredEndTicks = measuredStartTicks + Histograms.MicrosToTicks(profile.MeasuredDuration.TotalMicroseconds);
        var measuredStartUtc = DateTimeOffset.UtcNow + StartLead + profile.Warmup;

        using var tickerStop = new CancellationTokenSource();
        var ticker = TickAsync(recorder, progress, measuredStartTicks, measuredStartUtc, tickerStop.Token);

        long? scheduledMeasured = null;
        var ended = false;
        try
        {
            Task? openStopped = null;
            if (open)
            {
                var run = engine.StartOpen(startTicks, measuredEndTicks + Histograms.MicrosToTicks(plan.GracefulStop.TotalMicroseconds), abort.Token);
                openStopped = run.Stopped;
                scheduledMeasured = await run.Dispatched.ConfigureAwait(false);
            }
            else
            {
                PreciseClock.WaitUntil(startTicks, abort.Token);
                await engine.RunClosedAsync(measuredStartTicks, measuredEndTicks, abort.Token).ConfigureAwait(false);
            }

            await DrainAsync(recorder, plan.GracefulStop, abort).ConfigureAwait(false);
            if (openStopped is not null)
            {
                // An engine that owns its requests ends those still open once the drain cancelled the run.
                await openStopped.ConfigureAwait(false);
            }

            ended = true;
        }
        finally
        {
            if (!ended)
            {
                // The run failed (a scenario's code threw, say): end the requests still open, which would otherwise run on
                // after the run, and the ticker, which would go on closing intervals and printing progress.
                await abort.CancelAsync().ConfigureAwait(false);
            }

            await tickerStop.CancelAsync().ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
        }

        var measuredSeconds = Math.Max(
            profile.MeasuredDuration.TotalSeconds,
            Histograms.TicksToMicros(recorder.LastMeasuredSendTicks - measuredStartTicks) / 1e6);
        var total = recorder.Total.Snapshot();
        var health = AssessGenerator(plan, recorder, total, scheduledMeasured ?? recorder.Sent, measuredSeconds);
        return new RunOutcome(
            plan,
            measuredStartUtc,
            measuredSeconds,
            total,
            recorder.ScenarioSnapshots(),
            recorder.EndpointSnapshots(),
            recorder.Intervals,
            health,
            engine.Description);
    }

    /// <summary>Judges whether the generator kept the schedule.</summary>
    internal static GeneratorHealth AssessGenerator(RunPlan plan, RunRecorder recorder, StatsSnapshot total, long scheduled, double measuredSeconds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(total);
        var open = plan.Profile.Kind == LoadModelKind.Open;
        var target = open ? plan.Profile.MeanTargetRate : 0;
        var achieved = measuredSeconds <= 0 ? 0 : recorder.Sent / measuredSeconds;
        var lagP99 = Histograms.PercentileMs(recorder.DispatchLag(), 99);
        var problems = new List<string>();
        if (recorder.Dropped > 0)
        {
            problems.Add(FormattableString.Invariant($"{recorder.Dropped} scheduled requests were never sent (in-flight limit or schedule overrun)."));
        }

        if (open && plan.Validity.RateShortfall(recorder.Sent, measuredSeconds, scheduled, plan.Profile.MeasuredDuration) is { } shortfall)
        {
            problems.Add(shortfall);
        }

        if (open && lagP99 > plan.Validity.MaxSendLagP99.TotalMilliseconds)
        {
            problems.Add(FormattableString.Invariant($"dispatch-lag p99 {ReportFormat.Against(lagP99, "0.###", plan.Validity.MaxSendLagP99.TotalMilliseconds)} ms exceeds {plan.Validity.MaxSendLagP99.TotalMilliseconds:0.###} ms: the generator could not keep its schedule."));
        }

        if (recorder.Sent == 0)
        {
            problems.Add("no measured request was sent.");
        }

        return new GeneratorHealth(
            open ? "open" : "closed",
            target,
            achieved,
            scheduled,
            recorder.Sent,
            recorder.LateSends,
            recorder.Dropped,
            lagP99,
            Histograms.PercentileMs(total.SendLag, 50),
            Histograms.PercentileMs(total.SendLag, 99),
            Histograms.MaxMs(total.SendLag),
            recorder.PeakInFlight,
            problems.Count == 0,
            problems)
        {
            DispatchLagMaxMs = Histograms.MaxMs(recorder.DispatchLag()),
        };
    }

    private static async Task DrainAsync(RunRecorder recorder, TimeSpan gracefulStop, CancellationTokenSource abort)
    {
        var deadline = Stopwatch.GetTimestamp() + Histograms.MicrosToTicks(gracefulStop.TotalMicroseconds);
        while (recorder.InFlight > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }

        // Requests still open now count as timeouts: cancelling ends them with that outcome.
        await abort.CancelAsync().ConfigureAwait(false);
        var hardDeadline = Stopwatch.GetTimestamp() + Histograms.MicrosToTicks(2_000_000);
        while (recorder.InFlight > 0 && Stopwatch.GetTimestamp() < hardDeadline)
        {
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task TickAsync(RunRecorder recorder, ILoadProgress? progress, long measuredStartTicks, DateTimeOffset measuredStartUtc, CancellationToken stop)
    {
        var previousMs = measuredStartUtc.ToUnixTimeMilliseconds();
        var wait = measuredStartTicks - Stopwatch.GetTimestamp();
        try
        {
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(Histograms.TicksToMicros(wait)), stop).ConfigureAwait(false);
            }

            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                previousMs = Close(recorder, progress, measuredStartTicks, previousMs);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended; the last partial interval is closed below.
        }

        Close(recorder, progress, measuredStartTicks, previousMs);
    }

    private static long Close(RunRecorder recorder, ILoadProgress? progress, long measuredStartTicks, long previousMs)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var interval = recorder.CloseInterval(previousMs, nowMs);
        var seconds = Math.Max(0.001, (nowMs - previousMs) / 1000.0);
        progress?.Report(new ProgressTick(
            TimeSpan.FromMicroseconds(Histograms.TicksToMicros(Stopwatch.GetTimestamp() - measuredStartTicks)),
            interval.Count / seconds,
            recorder.Total.Count,
            recorder.Total.Failed,
            recorder.InFlight,
            recorder.Total.LatencyPercentileMs(95),
            recorder.Total.LatencyPercentileMs(99)));
        return nowMs;
    }
}
