namespace Perf.Load.Reports;

/// <summary>The outcome of a run.</summary>
internal enum Verdict
{
    /// <summary>Valid, and every threshold held.</summary>
    Pass,

    /// <summary>Valid, and at least one threshold failed.</summary>
    Fail,

    /// <summary>The generator did not keep its schedule: no latency verdict is possible.</summary>
    Invalid,

    /// <summary>Valid, and no threshold was set: nothing was judged, so the run neither passed nor failed.</summary>
    NotJudged,

    /// <summary>
    /// Valid, no threshold missed, and at least one the measurements put on neither side of its limit: an interval that
    /// straddles it, or too few requests to bound it. The run has not shown that it holds, nor that it does not.
    /// </summary>
    NotSettled,
}
