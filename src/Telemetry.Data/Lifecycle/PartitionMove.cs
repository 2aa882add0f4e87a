namespace Telemetry.Data.Lifecycle;

/// <summary>A whole partition retention exchanged into the archive or dropped (or would, in a dry run).</summary>
/// <param name="Partition">The partition name.</param>
/// <param name="Rows">Its exact row count before the move.</param>
public sealed record PartitionMove(string Partition, long Rows);
