using Microsoft.Extensions.Logging;

namespace Telemetry.Data.Lifecycle;

/// <summary>The data lifecycle's log messages.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(1, LogLevel.Debug, "Moved {Count} rows from {Source} to {Target} ({Total} so far)")]
    public static partial void ChunkMoved(ILogger logger, string source, string target, int count, long total);

    [LoggerMessage(2, LogLevel.Information, "{Table}: exchanged partition {Partition} ({Rows} rows) into {Archive}")]
    public static partial void PartitionArchived(ILogger logger, string table, string partition, long rows, string archive);

    [LoggerMessage(3, LogLevel.Information, "{Table}: dropped partition {Partition} ({Rows} rows)")]
    public static partial void PartitionDropped(ILogger logger, string table, string partition, long rows);

    [LoggerMessage(4, LogLevel.Warning, "{Stage} held {Rows} rows from an interrupted run; moved them into {Archive} first")]
    public static partial void StageRecovered(ILogger logger, string stage, long rows, string archive);

    [LoggerMessage(5, LogLevel.Information, "{Table}: retention {Action} before {Cutoff:O}: {Partitions} whole partitions, {Rows} rows by the row path, {Elapsed}")]
    public static partial void RetentionDone(ILogger logger, string table, RetentionAction action, DateTime cutoff, int partitions, long rows, TimeSpan elapsed);

    [LoggerMessage(6, LogLevel.Information, "{Table}: added partitions {Partitions}")]
    public static partial void PartitionsAdded(ILogger logger, string table, string partitions);

    [LoggerMessage(7, LogLevel.Warning, "{Table}: {Rows} rows sit in the catch-all partition p_future; create months ahead so it stays empty")]
    public static partial void CatchAllNotEmpty(ILogger logger, string table, long rows);

    [LoggerMessage(8, LogLevel.Information, "Rolled up {Source}: {Hours} hours, {Days} days, {Weeks} weeks, {Months} months touched since id {Watermark}")]
    public static partial void RollupDone(ILogger logger, string source, int hours, int days, int weeks, int months, long watermark);

    [LoggerMessage(9, LogLevel.Information, "ANALYZE {Table}: {Status}")]
    public static partial void Analyzed(ILogger logger, string table, string status);

    [LoggerMessage(10, LogLevel.Warning, "Monitoring: {Warning}")]
    public static partial void MonitorWarning(ILogger logger, string warning);

    [LoggerMessage(11, LogLevel.Warning, "Slow query ({Seconds:0.0} s) on connection {ConnectionId}: {Sql}\nPlan: {Plan}")]
    public static partial void SlowQuery(ILogger logger, double seconds, long connectionId, string sql, string plan);

    [LoggerMessage(13, LogLevel.Debug, "{Table}: partition {Partition} exchanged into {Stage}; moving it on into the archive")]
    public static partial void PartitionStaged(ILogger logger, string table, string partition, string stage);

    [LoggerMessage(14, LogLevel.Information, "{Table}: dropped partition {Partition}, emptied by archiving")]
    public static partial void EmptiedPartitionDropped(ILogger logger, string table, string partition);

    [LoggerMessage(15, LogLevel.Warning, "{Table}: kept partition {Partition}: {Rows} rows reached it after it was archived; the next run archives them")]
    public static partial void EmptiedPartitionRefilled(ILogger logger, string table, string partition, long rows);
}
