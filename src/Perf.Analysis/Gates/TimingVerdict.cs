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

    /// <summary>In this run but not in the baseline.</summary>
    New,

    /// <summary>In the baseline but not measured in this run: the gate cannot vouch for it.</summary>
    Missing,

    /// <summary>Too few rounds for the test to reach its significance level: the gate cannot vouch for it.</summary>
    Inconclusive,
}
