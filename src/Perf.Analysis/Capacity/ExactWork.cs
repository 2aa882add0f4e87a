namespace Perf.Analysis.Capacity;

/// <summary>The deterministic work of one execution of a query: what the engine read, independent of how long it took.</summary>
/// <param name="RowsExamined">Session <c>Handler_read_*</c> deltas around one execution after a warm-up.</param>
/// <param name="LogicalReads">Buffer pool page requests of that execution, when the server counts a statement's own (MariaDB's <c>r_engine_stats.pages_accessed</c>); null on MySQL 8, whose only page counters are server-wide (<c>Innodb_buffer_pool_read_requests</c> deltas hold other sessions' work).</param>
/// <param name="PhysicalReads">Pages read from disk around that (warm) execution (the <c>Innodb_buffer_pool_reads</c> delta, server-wide on every server), given only beside <paramref name="LogicalReads"/>.</param>
/// <param name="Partitions">Partitions the plan touched, when the table is partitioned.</param>
/// <param name="Filesort">Whether the plan sorts rows after reading them.</param>
/// <param name="TemporaryTable">Whether the plan builds a temporary table.</param>
/// <param name="Plan">The main access as <c>type on index</c>, e.g. <c>range on idx_trades_profile_time</c>.</param>
public sealed record ExactWork(long RowsExamined, long? LogicalReads, long? PhysicalReads, int? Partitions, bool Filesort, bool TemporaryTable, string? Plan);
