namespace Telemetry.Data.Lifecycle;

/// <summary>The size of a table or one of its partitions, from <c>information_schema</c> (row counts are estimates).</summary>
/// <param name="Table">The table.</param>
/// <param name="Partition">The partition, or null for the whole (unpartitioned) table.</param>
/// <param name="Rows">Estimated rows.</param>
/// <param name="DataBytes">Bytes of data (the clustered index in InnoDB).</param>
/// <param name="IndexBytes">Bytes of secondary indexes.</param>
public sealed record TableSize(string Table, string? Partition, long Rows, long DataBytes, long IndexBytes);
