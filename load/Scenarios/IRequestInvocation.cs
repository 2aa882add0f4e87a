using Perf.Load.Measurement;

namespace Perf.Load.Scenarios;

/// <summary>Code a request runs instead of a plain GET; the executor still owns the intended, start and end times.</summary>
internal interface IRequestInvocation
{
    /// <summary>Runs the code once; never throws (a failure or a timeout is the returned outcome).</summary>
    /// <param name="recorder">Where the code's own sub-steps are recorded.</param>
    /// <param name="intendedTicks">The schedule's send time of this request.</param>
    /// <param name="measured">False during warm-up: nothing is recorded.</param>
    /// <param name="abort">Ends the run; code still running then counts as a timeout.</param>
    Task<(RequestOutcome Outcome, int Status, long Bytes)> InvokeAsync(RunRecorder recorder, long intendedTicks, bool measured, CancellationToken abort);
}
