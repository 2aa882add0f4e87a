using Perf.Load.Measurement;

namespace Perf.Load.Execution;

/// <summary>The one place that decides which engine runs a plan.</summary>
internal static class LoadEngine
{
    /// <summary>The engine for <paramref name="plan"/>, recording into <paramref name="recorder"/>.</summary>
    /// <remarks>
    /// The raw client's plain-http requests, with no connection limit, run on the epoll event loops where the platform
    /// has them (Linux x86-64): wrk's shape, the one <c>calibrate</c> measures. Everything else is awaited on the thread
    /// pool through a transport: a <c>--connections</c> limit (arrivals queue for a connection), <c>--client httpclient</c>
    /// or https, scenarios whose requests are code (<see cref="Scenarios.ILoadScenario.RunsCode"/>), other platforms.
    /// </remarks>
    public static ILoadEngine Create(RunPlan plan, RunRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(recorder);
        var raw = plan.Client == LoadClient.Raw && plan.Target.Scheme == Uri.UriSchemeHttp;
        if (raw && plan.MaxConnections == 0 && !plan.Mix.RunsCode && Epoll.IsSupported)
        {
            return new EventLoopEngine(plan, recorder);
        }

        ILoadTransport transport = raw
            ? new RawHttpTransport(new HttpTarget(plan.Target), plan.RequestTimeout)
            : new HttpClientTransport(plan.Target, plan.RequestTimeout, plan.MaxConnections);
        var description = plan.Mix.RunsCode ? "awaited, steps written in C#" : raw ? "awaited, raw HTTP/1.1" : "awaited, HttpClient";
        return new AwaitedEngine(plan, recorder, transport, description);
    }
}
