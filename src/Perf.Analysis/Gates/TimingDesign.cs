namespace Perf.Analysis.Gates;

/// <summary>How the two sides of a timing comparison were measured, which decides the test that compares them.</summary>
public enum TimingDesign
{
    /// <summary>
    /// Both sides measured in the same rounds, their executions interleaved (the base revision against the head): round
    /// <c>i</c> of one side pairs with round <c>i</c> of the other, and the test runs on the per-round ratios (Wilcoxon
    /// signed-rank), so contention that slows a round slows both sides of it.
    /// </summary>
    Paired,

    /// <summary>The sides measured at different times (a stored baseline against this run): round medians compared as two samples (Mann–Whitney).</summary>
    Independent,
}
