namespace Perf.Analysis.Gates;

/// <summary>The outcome of comparing one query's timings with its baseline.</summary>
public enum TimingVerdict
{
    /// <summary>No difference beyond the threshold and the rounds' spread.</summary>
    Unchanged,

    /// <summary>Slower beyond the threshold and significant: a regression.</summary>
    Slower,

    /// <summary>Faster beyond the threshold and significant.</summary>
    Faster,

    /// <summary>In the head but not in the base revision, when the two revisions are timed side by side: a query the change adds (or renames), with nothing to compare it with.</summary>
    New,

    /// <summary>In a stored baseline but not measured in this run: the gate cannot vouch for it.</summary>
    Missing,

    /// <summary>In the base revision but not in the head's, when the two revisions are timed side by side: the head no longer has the query (removed or renamed), so there is nothing to compare.</summary>
    Removed,

    /// <summary>Too few rounds for the test to reach its significance level: the gate cannot vouch for it.</summary>
    Inconclusive,

    /// <summary>Measured in this run but not in a stored baseline: the gate cannot vouch for it (the baseline is taken again when the queries change).</summary>
    NotInBaseline,
}
