namespace Telemetry.Jobs;

/// <summary>The lifecycle jobs, each a CLI command and a worker schedule.</summary>
internal enum JobKind
{
    /// <summary>Recompute the windows touched by rows inserted since the last run (late rows included).</summary>
    RollupHourly,

    /// <summary>Recompute yesterday and today in full, a safety net under the incremental rollup.</summary>
    RollupDaily,

    /// <summary>Archive and delete rows past retention.</summary>
    Archive,

    /// <summary>Create month partitions ahead and report rows in the catch-all.</summary>
    MaintainPartitions,

    /// <summary>ANALYZE TABLE every telemetry table.</summary>
    Analyze,

    /// <summary>Table sizes and growth, buffer-pool hit rate, and the API's P95/P99 and cache hit rate.</summary>
    Monitor,

    /// <summary>Log statements running longer than the slow-query threshold, with their plans.</summary>
    WatchSlowQueries,

    /// <summary>Request the most-requested API views so their cache entries are warm.</summary>
    WarmCache,
}
