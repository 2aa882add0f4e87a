namespace Perf.Analysis.Capacity;

/// <summary>InnoDB buffer pool counters summed over timed executions: page requests, the pages of those read from disk, and how many executions.</summary>
/// <param name="LogicalReads">The <c>Innodb_buffer_pool_read_requests</c> deltas.</param>
/// <param name="PhysicalReads">The <c>Innodb_buffer_pool_reads</c> deltas: requests the pool could not serve.</param>
/// <param name="Executions">The executions the deltas were taken around.</param>
public sealed record PageCounts(long LogicalReads, long PhysicalReads, int Executions)
{
    /// <summary>The share of page requests the buffer pool served, 0–1 (1 when nothing was requested).</summary>
    public double HitRatio => LogicalReads <= 0 ? 1 : Math.Clamp(1 - ((double)PhysicalReads / LogicalReads), 0, 1);

    /// <summary>Pages read from disk per execution.</summary>
    public double PhysicalPerExecution => Executions == 0 ? 0 : (double)PhysicalReads / Executions;

    /// <summary>Page requests and disk reads between two readings of the buffer pool's counters, for <paramref name="executions"/> executions.</summary>
    public static PageCounts Between((long Requests, long Reads) before, (long Requests, long Reads) after, int executions) =>
        new(Math.Max(0, after.Requests - before.Requests), Math.Max(0, after.Reads - before.Reads), executions);

    /// <summary>The counters of several sets of executions together.</summary>
    public static PageCounts Sum(IEnumerable<PageCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Aggregate(new PageCounts(0, 0, 0), (sum, c) => new PageCounts(sum.LogicalReads + c.LogicalReads, sum.PhysicalReads + c.PhysicalReads, sum.Executions + c.Executions));
    }
}
