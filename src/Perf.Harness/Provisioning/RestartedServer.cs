namespace Perf.Harness.Provisioning;

/// <summary>What a restarted server reports about its caches, recorded with every measurement taken after the restart.</summary>
/// <param name="BufferPoolBytes">Its <c>innodb_buffer_pool_size</c> (the server rounds a requested size to whole chunks).</param>
/// <param name="FlushMethod">Its <c>innodb_flush_method</c>, e.g. <c>O_DIRECT</c>.</param>
/// <param name="OsPageCacheDropped">Whether the OS page cache was dropped while it was down (needs root and a writable <c>/proc/sys/vm/drop_caches</c>).</param>
public sealed record RestartedServer(long BufferPoolBytes, string FlushMethod, bool OsPageCacheDropped);
