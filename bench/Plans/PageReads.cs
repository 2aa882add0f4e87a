namespace Perf.Bench.Plans;

/// <summary>InnoDB buffer pool pages one execution read: logical requests and physical reads from disk.</summary>
/// <param name="Logical">Page requests: MariaDB's per-statement <c>r_engine_stats.pages_accessed</c> summed over the plan's tables when the actual plan has it, else the <c>Innodb_buffer_pool_read_requests</c> delta.</param>
/// <param name="Physical">The <c>Innodb_buffer_pool_reads</c> delta around the measured (warm) execution: server-wide on every server.</param>
/// <param name="LogicalScope">Whose requests <paramref name="Logical"/> counts: the statement's own, or the server's (MySQL has no per-statement count).</param>
/// <remarks>The <c>Innodb_*</c> status counters are server-wide, so their deltas include other sessions' and background work; the per-statement engine stats do not.</remarks>
public sealed record PageReads(long Logical, long Physical, PageScope LogicalScope)
{
    /// <summary>The pages of the execution measured between two readings of the status counters, with the statement's own page requests when <paramref name="analyze"/> (its actual plan) has them.</summary>
    /// <param name="analyze">The raw actual-execution plan (<c>ANALYZE FORMAT=JSON</c> or <c>EXPLAIN ANALYZE</c>).</param>
    /// <param name="before">The <c>Innodb_buffer_pool_read_requests</c> and <c>Innodb_buffer_pool_reads</c> counters before the execution.</param>
    /// <param name="after">The same counters after it.</param>
    public static PageReads Of(string analyze, (long Requests, long Reads) before, (long Requests, long Reads) after)
    {
        var physical = after.Reads - before.Reads;
        return EngineStats.PagesAccessed(analyze) is { } accessed
            ? new PageReads(accessed, physical, PageScope.Statement)
            : new PageReads(after.Requests - before.Requests, physical, PageScope.Server);
    }
}
