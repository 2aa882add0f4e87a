namespace Perf.Analysis.Capacity;

/// <summary>The cache conditions of one measurement, recorded beside its timings.</summary>
/// <param name="State">Warm, cold or memory-constrained.</param>
/// <param name="BufferPoolBytes">The server's <c>innodb_buffer_pool_size</c> while measuring.</param>
/// <param name="FlushMethod">Its <c>innodb_flush_method</c> (<c>O_DIRECT</c>: pages missing from the pool come from the disk, not the OS cache).</param>
/// <param name="OsPageCacheDropped">Whether the OS page cache was dropped at the restart; null when the server was not restarted.</param>
public sealed record CacheCondition(CacheState State, long BufferPoolBytes, string FlushMethod, bool? OsPageCacheDropped);
