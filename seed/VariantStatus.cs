namespace Perf.Seed;

/// <summary>What a variant database holds relative to the requested dataset.</summary>
internal enum VariantStatus
{
    /// <summary>It holds the dataset, complete.</summary>
    Ready,

    /// <summary>Its load of this dataset was interrupted.</summary>
    InterruptedLoad,

    /// <summary>Its copy of this dataset was interrupted.</summary>
    InterruptedCopy,

    /// <summary>It must be (re)built from empty tables.</summary>
    Fresh,

    /// <summary>The dataset goes after the rows already there.</summary>
    AppendNew,
}
