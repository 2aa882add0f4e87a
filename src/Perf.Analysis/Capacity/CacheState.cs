namespace Perf.Analysis.Capacity;

/// <summary>How the server's caches stood while a variant was measured.</summary>
public enum CacheState
{
    /// <summary>After a warm-up pass, with the usual buffer pool: the data the queries read is in memory.</summary>
    Warm,

    /// <summary>Each round begins with a restarted server (empty buffer pool, <c>O_DIRECT</c>, the OS page cache dropped where permitted); each query runs once per round.</summary>
    Cold,

    /// <summary>A restarted server whose buffer pool is a fraction of the data (a scale model of data many times memory), <c>O_DIRECT</c>, one variant alone on it, after a warm-up pass.</summary>
    Constrained,
}
