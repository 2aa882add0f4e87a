namespace Perf.Analysis.Capacity;

/// <summary>The deterministic work of one execution of a query: what the engine read, independent of how long it took.</summary>
/// <param name="RowsExamined">Session <c>Handler_read_*</c> deltas around one execution after a warm-up.</param>
/// <param name="LogicalReads">Buffer pool page requests of that execution (<c>Innodb_buffer_pool_read_requests</c>, or MariaDB's per-statement <c>r_engine_stats.pages_accessed</c>), when known.</param>
/// <param name="PhysicalReads">Pages read from disk in that execution (<c>Innodb_buffer_pool_reads</c>), when known.</param>
/// <param name="Partitions">Partitions the plan touched, when the table is partitioned.</param>
/// <param name="Filesort">Whether the plan sorts rows after reading them.</param>
/// <param name="TemporaryTable">Whether the plan builds a temporary table.</param>
/// <param name="Plan">The main access as <c>type on index</c>, e.g. <c>range on idx_trades_profile_time</c>.</param>
public sealed record ExactWork(long RowsExamined, long? LogicalReads, long? PhysicalReads, int? Partitions, bool Filesort, bool TemporaryTable, string? Plan);
