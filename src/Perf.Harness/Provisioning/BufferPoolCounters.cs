using Perf.Analysis.Capacity;

namespace Perf.Bench.Capacity;

/// <summary>The InnoDB buffer pool counters, so page requests and disk reads can be counted around timed executions.</summary>
internal sealed class BufferPoolCounters : IAsyncDisposable
{
    private const string Requests = "Innodb_buffer_pool_read_requests";
    private const string Reads = "Innodb_buffer_pool_reads";

    private readonly GlobalStatus status;

    private BufferPoolCounters(GlobalStatus status) => this.status = status;

    public static async Task<BufferPoolCounters> OpenAsync(string adminConnectionString, CancellationToken cancellationToken) =>
        new(await GlobalStatus.OpenAsync(adminConnectionString, [Requests, Reads], cancellationToken).ConfigureAwait(false));

    /// <summary>Page requests and disk reads between two readings, for <paramref name="executions"/> executions.</summary>
    public static PageCounts Between((long Requests, long Reads) before, (long Requests, long Reads) after, int executions) =>
        new(Math.Max(0, after.Requests - before.Requests), Math.Max(0, after.Reads - before.Reads), executions);

    /// <summary>The counters now.</summary>
    public async Task<(long Requests, long Reads)> ReadAsync(CancellationToken cancellationToken)
    {
        var values = await status.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (values.GetValueOrDefault(Requests), values.GetValueOrDefault(Reads));
    }

    public ValueTask DisposeAsync() => status.DisposeAsync();
}
