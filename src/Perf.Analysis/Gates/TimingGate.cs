namespace Perf.Analysis.Gates;

/// <summary>Turns timing comparisons into gate checks, failing closed: a query the gate could not judge is an error, never a pass.</summary>
public static class TimingGate
{
    /// <summary>The suite name of the timing checks.</summary>
    public const string Suite = "timings";

    /// <summary>The check that stands for a timing suite that timed no query.</summary>
    public const string NothingTimedName = "queries timed";

    /// <summary>One check per comparison: slower fails; missing or inconclusive is an error; the rest (unchanged, faster, new, removed) pass. No comparison at all is an error too: a suite that timed nothing judged nothing.</summary>
    public static IEnumerable<GateCheck> ToChecks(IEnumerable<TimingComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var checks = comparisons.Select(c => new GateCheck(Suite, c.Name, Outcome(c.Verdict), $"{c.Verdict}: {c.Reason}")).ToList();
        return checks.Count > 0 ? checks
            : [new GateCheck(Suite, NothingTimedName, GateOutcome.Error, "no query was timed on either side (a --cases filter that names no query, or probes that list none): the timing suite judged nothing")];
    }

    /// <summary>Keeps a <see cref="TimingVerdict.Slower"/> only when the confirmation (which re-measured the suspects) finds it slower too.</summary>
    /// <remarks>
    /// A contention spike on a shared machine rarely hits the same query twice; a real regression always does. A suspect the
    /// confirmation did not measure (it crashed or wrote nothing) stays unjudged: <see cref="TimingVerdict.Missing"/>, an error.
    /// </remarks>
    public static IReadOnlyList<TimingComparison> Confirm(IReadOnlyList<TimingComparison> first, IReadOnlyList<TimingComparison> confirmation)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(confirmation);
        var again = confirmation.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. first.Select(c => c.Verdict != TimingVerdict.Slower
            ? c
            : again.TryGetValue(c.Name, out var second) switch
            {
                false => c with { Verdict = TimingVerdict.Missing, Reason = $"looked slower ({c.Reason}) and the confirmation did not re-measure it" },
                true when second!.Verdict == TimingVerdict.Slower => c with { Reason = $"{c.Reason}; confirmed: {second.Reason}" },
                true when second!.Verdict is TimingVerdict.Missing or TimingVerdict.Inconclusive or TimingVerdict.New or TimingVerdict.Removed =>
                    c with { Verdict = TimingVerdict.Missing, Reason = $"looked slower ({c.Reason}) and the confirmation could not judge it: {second.Reason}" },
                _ => c with { Verdict = TimingVerdict.Unchanged, Reason = $"not confirmed: the first rounds found it {c.Reason}; the confirmation found {second!.Verdict.ToString().ToLowerInvariant()}: {second.Reason}" },
            })];
    }

    private static GateOutcome Outcome(TimingVerdict verdict) => verdict switch
    {
        TimingVerdict.Slower => GateOutcome.Failed,
        TimingVerdict.Missing or TimingVerdict.Inconclusive => GateOutcome.Error,
        _ => GateOutcome.Passed,
    };
}
