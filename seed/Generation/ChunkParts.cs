namespace Perf.Seed.Generation;

/// <summary>Which rows of a chunk to generate (each part draws from its own per-day seed, so parts can be generated apart).</summary>
[Flags]
internal enum ChunkParts
{
    /// <summary>The trades.</summary>
    Trades = 1,

    /// <summary>The health samples.</summary>
    Health = 2,

    /// <summary>Both.</summary>
    All = Trades | Health,
}
