namespace Perf.Analysis.Gates;

/// <summary>Turns timing comparisons into gate checks, failing closed: a query the gate could not judge is an error, never a pass.</summary>
public static class TimingGate
{
    /// <summary>The suite name of the timing checks.</summary>
    public const string Suite = "timings";

    /// <summary>The check that stands for a timing suite that timed no query.</summary>
    public const string NothingTimedName = "queries timed";

    /// <summary>The check that stands for a timing suite in which no query was timed on both sides.</summary>
    public const string NothingComparedName = "queries compared";

    /// <summary>
    /// One check per comparison: slower fails; unchanged and faster pass; missing, not in the stored baseline or
    /// inconclusive is an error; new or removed (one revision has the query, the other not) is skipped: not judged, so
    /// neither a failure nor a pass. A suite that compared no query on both sides is an error too: one that timed
    /// nothing, or whose queries are all new or removed (every one renamed, say), judged nothing.
    /// </summary>
    public static IEnumerable<GateCheck> ToChecks(IEnumerable<TimingComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var list = comparisons.ToList();
        var checks = list.Select(c => new GateCheck(Suite, c.Name, Outcome(c.Verdict), $"{c.Verdict}: {c.Reason}")).ToList();
        if (checks.Count == 0)
        {
            return [new GateCheck(Suite, NothingTimedName, GateOutcome.Error, "no query was timed on either side (a --cases filter that names no query, or probes that list none): the timing suite judged nothing")];
        }

        var onlyHere = list.Count(c => c.Verdict is TimingVerdict.New or TimingVerdict.NotInBaseline);
        return list.Any(c => c.Verdict is not (TimingVerdict.New or TimingVerdict.NotInBaseline or TimingVerdict.Removed or TimingVerdict.Missing)) ? checks
            : [.. checks, new GateCheck(Suite, NothingComparedName, GateOutcome.Error, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"no query was timed on both sides ({onlyHere} only in this run, {list.Count - onlyHere} only in the baseline): the timing suite judged nothing"))];
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
                true when second!.Verdict == TimingVerdict.Slower => c with { Reason = $"{c.Reason}; confirmed: {second.Reason}", Confirmation = second },
                true when second!.Verdict is TimingVerdict.Missing or TimingVerdict.Inconclusive or TimingVerdict.New or TimingVerdict.NotInBaseline or TimingVerdict.Removed =>
                    c with { Verdict = TimingVerdict.Missing, Reason = $"looked slower ({c.Reason}) and the confirmation could not judge it: {second.Reason}", Confirmation = second },
                _ => c with { Verdict = TimingVerdict.Unchanged, Reason = $"not confirmed: the first rounds found it {c.Reason}; the confirmation found {second!.Verdict.ToString().ToLowerInvariant()}: {second.Reason}", Confirmation = second },
            })];
    }

    private static GateOutcome Outcome(TimingVerdict verdict) => verdict switch
    {
        TimingVerdict.Slower => GateOutcome.Failed,
        TimingVerdict.Missing or TimingVerdict.NotInBaseline or TimingVerdict.Inconclusive => GateOutcome.Error,
        // Nothing was compared: counting these among the passes would overstate what the gate checked.
        TimingVerdict.New or TimingVerdict.Removed => GateOutcome.Skipped,
        _ => GateOutcome.Passed,
    };
}
