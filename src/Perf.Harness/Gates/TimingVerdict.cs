namespace Perf.Harness.Gates;

/// <summary>The outcome of comparing one benchmark with its baseline.</summary>
public enum TimingVerdict
{
    /// <summary>No difference beyond the threshold and the measured spread.</summary>
    Unchanged,

    /// <summary>Slower beyond the threshold and the spread: a regression.</summary>
    Slower,

    /// <summary>Faster beyond the threshold and the spread.</summary>
    Faster,

    /// <summary>In this run but not in the baseline.</summary>
    New,

    /// <summary>In the baseline but not in this run.</summary>
    Missing,
}
