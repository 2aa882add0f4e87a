using System.Globalization;
using Perf.Analysis.Capacity;
using Telemetry.CommandLine;

namespace Perf.Load.Reports;

/// <summary>The database's caches during a run against the in-process API: the state asked for, the buffer pool beside the data, and the pages the measured period requested and read from disk.</summary>
/// <param name="Condition">Warm (as found, after the warm-up), cold or memory-constrained; the pool's size and flush method.</param>
/// <param name="DatabaseBytes">The variant database's data and indexes (<c>information_schema.TABLES</c>).</param>
/// <param name="ServerStartedForRun">
/// The local server was started for this run, so its pool began empty: a warm run's pool then holds only what its
/// warm-up read, and the disk reads say how warm that made it.
/// </param>
/// <param name="Pages">
/// The buffer pool's counters from the start of the measured period to the end of the run, per completed measured request;
/// null when they could not be read across the run (a database restart resets them). They are server-wide: on a server
/// others use they count others' work too.
/// </param>
internal sealed record LoadCache(CacheCondition Condition, long DatabaseBytes, bool ServerStartedForRun, PageCounts? Pages)
{
    /// <summary>The database's bytes over the buffer pool's.</summary>
    public double DataToMemory => Condition.BufferPoolBytes <= 0 ? 0 : (double)DatabaseBytes / Condition.BufferPoolBytes;

    /// <summary>One line for the report and the console.</summary>
    public string Describe()
    {
        var c = Condition;
        var state = c.State switch
        {
            CacheState.Cold => "cold: the server was restarted with an empty buffer pool before the API started, no warm-up",
            CacheState.Constrained => "memory-constrained: the server was restarted with a small buffer pool before the API started",
            _ when ServerStartedForRun => "warm-up only: the server was started for this run, so its buffer pool held only what the warm-up read",
            _ => "warm: the server as found, after the warm-up",
        };
        var os = c.OsPageCacheDropped switch
        {
            true => ", OS page cache dropped",
            false => ", OS page cache kept (dropping it needs root)",
            null => string.Empty,
        };
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Database cache {state}; buffer pool {new ByteSize(c.BufferPoolBytes)} ({c.FlushMethod}{os}), database {new ByteSize(DatabaseBytes)} = {DataToMemory:0.##}× the pool");
        return Pages is { } p
            ? text + string.Create(CultureInfo.InvariantCulture, $"; measured period: {p.LogicalReads:N0} page requests, {p.PhysicalReads:N0} read from disk (hit ratio {p.HitRatio:P2}), {p.PhysicalPerExecution:0.##} disk reads per request")
            : text;
    }
}
