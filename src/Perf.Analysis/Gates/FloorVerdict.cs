namespace Perf.Analysis.Gates;

/// <summary>What paired runs say about a rate ratio against its floor.</summary>
public enum FloorVerdict
{
    /// <summary>The ratio is above the floor: the one-sided signed-rank test says so at the chosen level.</summary>
    Holds,

    /// <summary>The ratio is below the floor, by the same test the other way.</summary>
    Below,

    /// <summary>Neither: the pairs straddle the floor, or are too few for the test to reach the level at all.</summary>
    NotSettled,
}
