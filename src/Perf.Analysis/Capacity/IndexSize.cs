namespace Perf.Analysis.Capacity;

/// <summary>The on-disk size of one index.</summary>
/// <param name="Table">The table it belongs to.</param>
/// <param name="Index">The index name (<c>PRIMARY</c> for the clustered index).</param>
/// <param name="Bytes">Its size in bytes.</param>
public sealed record IndexSize(string Table, string Index, long Bytes);
