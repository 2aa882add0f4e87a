using MySqlConnector;
using Perf.Analysis.Capacity;

namespace Perf.Bench.Capacity;

/// <summary>Reads the server-wide InnoDB buffer pool counters on an admin connection of its own, so page requests and disk reads can be counted around timed executions.</summary>
/// <remarks>The counters are global: the deltas count what the timed executions read plus any background work, which on the harness's own otherwise idle server is next to nothing.</remarks>
internal sealed class BufferPoolCounters : IAsyncDisposable
{
    private const string Sql = "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_read_requests', 'Innodb_buffer_pool_reads')";

    private readonly MySqlConnection connection;

    private BufferPoolCounters(MySqlConnection connection) => this.connection = connection;

    public static async Task<BufferPoolCounters> OpenAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new BufferPoolCounters(connection);
    }

    /// <summary>Page requests and disk reads between two readings, for <paramref name="executions"/> executions.</summary>
    public static PageCounts Between((long Requests, long Reads) before, (long Requests, long Reads) after, int executions) =>
        new(Math.Max(0, after.Requests - before.Requests), Math.Max(0, after.Reads - before.Reads), executions);

    /// <summary>The counters now.</summary>
    public async Task<(long Requests, long Reads)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long requests = 0, reads = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var value = long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
            if (reader.GetString(0).Equals("Innodb_buffer_pool_reads", StringComparison.OrdinalIgnoreCase))
            {
                reads = value;
            }
            else
            {
                requests = value;
            }
        }

        return (requests, reads);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
