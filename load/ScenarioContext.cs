using System.Diagnostics;
using Perf.Load.Measurement;

namespace Perf.Load;

/// <summary>What one invocation of a scenario's step gets: an HTTP client for the target, a seeded random source, its number, and sub-step timing.</summary>
public sealed class ScenarioContext
{
    private readonly RunRecorder _recorder;
    private readonly bool _measured;
    private long _stepIntendedTicks;

    internal ScenarioContext(string scenarioName, long invocationNumber, HttpClient client, int seed, RunRecorder recorder, long intendedTicks, bool measured, CancellationToken cancellationToken)
    {
        ScenarioName = scenarioName;
        InvocationNumber = invocationNumber;
        Client = client;
        Random = new Random(seed);
        _recorder = recorder;
        _stepIntendedTicks = intendedTicks;
        _measured = measured;
        CancellationToken = cancellationToken;
    }

    /// <summary>The scenario being run.</summary>
    public string ScenarioName { get; }

    /// <summary>1 for the scenario's first invocation (warm-up included), then 2, 3, ...</summary>
    public long InvocationNumber { get; }

    /// <summary>A client whose base address is the target, so relative URLs work: <c>Client.GetAsync("/healthz")</c>.</summary>
    public HttpClient Client { get; }

    /// <summary>This invocation's random source: seeded from the scenario's seed, so a run repeats its choices.</summary>
    public Random Random { get; }

    /// <summary>Cancelled at the request timeout and when the run ends; pass it to every call.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Runs and records one sub-step (in results and reports under its own name); an exception still propagates after it is recorded as a failure.</summary>
    /// <remarks>
    /// Sub-steps of one invocation run one after another. The first is timed from the invocation's intended start,
    /// each later one from the end of the one before, so they add up to the invocation's latency.
    /// </remarks>
    /// <param name="name">Letters, digits, '-' and '_', and not the scenario's name.</param>
    /// <param name="step">The sub-step's work.</param>
    public async Task<Response> StepAsync(string name, Func<Task<Response>> step)
    {
        ValidateName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(step);
        if (name == ScenarioName)
        {
            throw new ArgumentException($"A sub-step cannot be named after its scenario '{ScenarioName}'.", nameof(name));
        }

        var start = Stopwatch.GetTimestamp();
        var response = default(Response);
        var outcome = RequestOutcome.NetworkError;
        try
        {
            response = await step().ConfigureAwait(false);
            outcome = Outcome(response);
            return response;
        }
        catch (OperationCanceledException)
        {
            outcome = RequestOutcome.Timeout;
            throw;
        }
        finally
        {
            var end = Stopwatch.GetTimestamp();
            if (_measured)
            {
                _recorder.RecordStep(name, new RequestSample(
                    Histograms.TicksToMicros(end - _stepIntendedTicks),
                    Histograms.TicksToMicros(end - start),
                    Histograms.TicksToMicros(start - _stepIntendedTicks),
                    response.StatusCode,
                    outcome,
                    response.SizeBytes));
            }

            _stepIntendedTicks = end;
        }
    }

    /// <summary>Ok or an HTTP error (the kind that carries a status code).</summary>
    internal static RequestOutcome Outcome(Response response) => response.IsError ? RequestOutcome.HttpError : RequestOutcome.Ok;

    /// <summary>Names become report file names and stats keys: letters, digits, '-' and '_' only.</summary>
    internal static void ValidateName(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{name}' may contain only letters, digits, '-' and '_'.", parameter);
        }
    }
}
