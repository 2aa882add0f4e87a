namespace Perf.Analysis.Capacity;

/// <summary>How a latency grows with the number of rows.</summary>
public enum GrowthModel
{
    /// <summary><c>y = a</c>: independent of the table size (an index seek over a bounded range).</summary>
    Constant,

    /// <summary><c>y = a + b·ln(rows)</c>: a B-tree descent.</summary>
    Logarithmic,

    /// <summary><c>y = a + b·rows</c>: a scan.</summary>
    Linear,
}
