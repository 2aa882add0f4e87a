namespace Perf.Harness.Provisioning;

/// <summary>The InnoDB buffer pool counters, so page requests and disk reads can be counted around measured work.</summary>
public sealed class BufferPoolCounters : IAsyncDisposable
{
    private const string Requests = "Innodb_buffer_pool_read_requests";
    private const string Reads = "Innodb_buffer_pool_reads";

    private readonly GlobalStatus status;

    private BufferPoolCounters(GlobalStatus status) => this.status = status;

    /// <summary>Opens the admin connection that reads the counters.</summary>
    public static async Task<BufferPoolCounters> OpenAsync(string adminConnectionString, CancellationToken cancellationToken) =>
        new(await GlobalStatus.OpenAsync(adminConnectionString, [Requests, Reads], cancellationToken).ConfigureAwait(false));

    /// <summary>The counters now: page requests, and the requests the pool could not serve (pages read from disk).</summary>
    public async Task<(long Requests, long Reads)> ReadAsync(CancellationToken cancellationToken)
    {
        var values = await status.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (values.GetValueOrDefault(Requests), values.GetValueOrDefault(Reads));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => status.DisposeAsync();
}
