using System.Diagnostics;
using Perf.Load.Measurement;
using Perf.Load.Model;

namespace Perf.Load.Execution;

/// <summary>Runs one load test: warm-up, measured period, graceful stop, then generator health.</summary>
internal static class LoadRunner
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartLead = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs <paramref name="plan"/> against its target.</summary>
    public static async Task<RunOutcome> RunAsync(RunPlan plan, ILoadProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var raw = plan.Client == LoadClient.Raw && plan.Target.Scheme == Uri.UriSchemeHttp;
        var open = plan.Profile.Kind == LoadModelKind.Open;
        // Raw sockets without a connection limit run on the runner's own threads: epoll loops where supported (one
        // that sends on schedule for the open model, one per core for the closed model), else a blocking thread per
        // closed-model worker. Everything else goes through a transport and the awaited request path.
        var ownThreads = raw && plan.MaxConnections == 0;
        var eventLoop = ownThreads && Epoll.IsSupported;
        var blocking = ownThreads && !eventLoop && !open;
        using ILoadTransport? transport = eventLoop
            ? null
            : raw
                ? new RawHttpTransport(plan.Target, plan.RequestTimeout, blocking)
                : new HttpClientTransport(plan.Target, plan.RequestTimeout, plan.MaxConnections);
        var recorder = new RunRecorder(plan.Validity.LateThreshold);
        recorder.Register(plan.Mix.Scenarios.Select(s => s.Name), plan.Mix.Endpoints);
        using var connections = plan.MaxConnections > 0 ? new SemaphoreSlim(plan.MaxConnections, plan.MaxConnections) : null;
        var executor = transport is null ? null : new RequestExecutor(transport, recorder, connections);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Blocking calls do not observe tokens: ending the run closes the connections under them.
        using var closeOnAbort = blocking ? abort.Token.Register(transport!.Dispose) : default;

        var profile = plan.Profile;
        var startTicks = Stopwatch.GetTimestamp() + Histograms.MicrosToTicks(StartLead.TotalMicroseconds);
        var measuredStartTicks = startTicks + Histograms.MicrosToTicks(profile.Warmup.TotalMicroseconds);
        var measuredEndTicks = measuredStartTicks + Histograms.MicrosToTicks(profile.MeasuredDuration.TotalMicroseconds);
        var measuredStartUtc = DateTimeOffset.UtcNow + StartLead + profile.Warmup;

        using var tickerStop = new CancellationTokenSource();
        var ticker = TickAsync(recorder, progress, measuredStartTicks, measuredStartUtc, tickerStop.Token);

        long? scheduledMeasured = null;
        Task? loopStopped = null;
        if (open)
        {
            var giveUp = measuredEndTicks + Histograms.MicrosToTicks(plan.GracefulStop.TotalMicroseconds);
            if (eventLoop)
            {
                var loop = new EventLoopOpenModel(plan, recorder);
                loopStopped = loop.RunAsync(startTicks, giveUp, abort.Token);
                await loop.Dispatched.ConfigureAwait(false);
                scheduledMeasured = loop.ScheduledMeasured;
            }
            else
            {
                var dispatcher = new OpenModelDispatcher(plan, executor!, recorder);
                await dispatcher.RunAsync(startTicks, giveUp, abort.Token).ConfigureAwait(false);
                scheduledMeasured = dispatcher.ScheduledMeasured;
            }
        }
        else
        {
            PreciseClock.WaitUntil(startTicks, abort.Token);
            var run = eventLoop
                ? new EventLoopClosedModel(plan, recorder).RunAsync(measuredStartTicks, measuredEndTicks, abort.Token)
                : new ClosedModelRunner(plan, executor!, recorder, dedicatedThreads: blocking).RunAsync(measuredStartTicks, measuredEndTicks, abort.Token);
            await run.ConfigureAwait(false);
        }

        await DrainAsync(recorder, plan.GracefulStop, abort).ConfigureAwait(false);
        if (loopStopped is not null)
        {
            // The open loop ends the requests still open once the drain cancelled the run.
            await loopStopped.ConfigureAwait(false);
        }

        await tickerStop.CancelAsync().ConfigureAwait(false);
        await ticker.ConfigureAwait(false);

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
            health);
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

        if (open && target > 0 && achieved < target * plan.Validity.MinAchievedRateRatio)
        {
            problems.Add(FormattableString.Invariant($"achieved rate {achieved:0.#}/s is below {plan.Validity.MinAchievedRateRatio:P0} of the target {target:0.#}/s."));
        }

        if (open && lagP99 > plan.Validity.MaxSendLagP99.TotalMilliseconds)
        {
            problems.Add(FormattableString.Invariant($"dispatch-lag p99 {lagP99:0.###} ms exceeds {plan.Validity.MaxSendLagP99.TotalMilliseconds:0.###} ms: the generator could not keep its schedule."));
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
            problems);
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
