namespace Telemetry.Data.Lifecycle;

/// <summary>What retention did (or, in a dry run, would do) to one live table.</summary>
/// <param name="Table">The live table.</param>
/// <param name="Action">Archive or delete.</param>
/// <param name="Cutoff">Rows strictly older than this were past retention.</param>
/// <param name="Partitioned">Whether the partition path was available.</param>
/// <param name="WholePartitions">Partitions whose rows went whole: exchanged into the archive, or dropped (p_before truncated) on a table without one.</param>
/// <param name="RowPathRows">Rows moved or deleted in chunks (partial months, or every row on unpartitioned tables).</param>
/// <param name="RecoveredRows">Rows found in the stage table from an interrupted run and moved into the archive first.</param>
/// <param name="DryRun">Whether nothing was changed.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record RetentionTableReport(
    string Table,
    RetentionAction Action,
    DateTime Cutoff,
    bool Partitioned,
    IReadOnlyList<PartitionMove> WholePartitions,
    long RowPathRows,
    long RecoveredRows,
    bool DryRun,
    TimeSpan Elapsed)
{
    /// <summary>Month partitions removed from the live table: emptied by archiving, or past retention on a table without an archive.</summary>
    public IReadOnlyList<string> DroppedPartitions { get; init; } = [];

    /// <summary>Every row moved or deleted, by either path.</summary>
    public long TotalRows => WholePartitions.Sum(p => p.Rows) + RowPathRows;
}
