using Perf.Load.Measurement;

namespace Perf.Load.Scenarios;

/// <summary>A <see cref="Scenario"/> written in C#, as the engine runs it: each arrival is one invocation of its step.</summary>
internal sealed class StepScenario : ILoadScenario
{
    private readonly Scenario _scenario;
    private readonly HttpClient _client;
    private readonly TimeSpan _requestTimeout;
    private long _invocations;

    /// <param name="scenario">The scenario.</param>
    /// <param name="client">The client its steps get, bound to the target.</param>
    /// <param name="requestTimeout">An invocation still running after this is a timeout.</param>
    public StepScenario(Scenario scenario, HttpClient client, TimeSpan requestTimeout)
    {
        _scenario = scenario;
        _client = client;
        _requestTimeout = requestTimeout;
        Endpoints = [scenario.Name];
    }

    public string Name => _scenario.Name;

    public IReadOnlyList<string> Endpoints { get; }

    public bool RunsCode => true;

    public LoadRequest Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var invocation = new Invocation(this, Interlocked.Increment(ref _invocations), random.Next());
        return new LoadRequest(Name, Name, string.Empty, Invocation: invocation);
    }

    private sealed class Invocation(StepScenario owner, long number, int seed) : IRequestInvocation
    {
        public async Task<(RequestOutcome Outcome, int Status, long Bytes)> InvokeAsync(RunRecorder recorder, long intendedTicks, bool measured, CancellationToken abort)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
            timeout.CancelAfter(owner._requestTimeout);
            var context = new ScenarioContext(owner.Name, number, owner._client, seed, recorder, intendedTicks, measured, timeout.Token);
            try
            {
                // On the thread pool, so a step that blocks before its first await cannot hold up the dispatcher; and
                // awaited with the timeout, so a step that ignores its token still ends as a timeout on time.
                var response = await Task.Run(() => owner._scenario.Step!(context), timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
                return (ScenarioContext.Outcome(response), response.StatusCode, response.SizeBytes);
            }
            catch (OperationCanceledException)
            {
                return (RequestOutcome.Timeout, 0, 0);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever the step throws is a failed invocation, recorded like a failed connection.
                return (RequestOutcome.NetworkError, 0, 0);
            }
        }
    }
}
