namespace Perf.Bench.Plans;

/// <summary>InnoDB buffer pool pages one execution read: logical requests and physical reads from disk.</summary>
/// <param name="Logical">Page requests: MariaDB's per-statement <c>r_engine_stats.pages_accessed</c> summed over the plan's tables when the actual plan has it, else the <c>Innodb_buffer_pool_read_requests</c> delta.</param>
/// <param name="Physical">The <c>Innodb_buffer_pool_reads</c> delta around the measured (warm) execution.</param>
/// <remarks>The <c>Innodb_*</c> status counters are server-wide, so their deltas include background work; the per-statement engine stats do not.</remarks>
public sealed record PageReads(long Logical, long Physical);
