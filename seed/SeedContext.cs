using MySqlConnector;

namespace Perf.Seed;

/// <summary>What the parts of one seed run share: the server, the options, the timeline and the count of rows written.</summary>
internal sealed class SeedContext(MySqlDataSource dataSource, SeedOptions options, IProgress<SeedProgress>? progress)
{
    private long rowsWritten;

    public MySqlDataSource DataSource => dataSource;

    public SeedOptions Options => options;

    public SeedTimeline Timeline { get; } = new(progress);

    /// <summary>Where the metric windows' spill file goes (<see cref="SeedOptions.SpillDirectory"/>).</summary>
    public string SpillDirectory => options.SpillDirectory ?? Path.GetTempPath();

    /// <summary>Where the server sorts for index builds, when in memory (null: the server's own tmpdir); set once the run knows its server runs on this machine.</summary>
    public SortDirectory? SortDirectory { get; set; }

    /// <summary>Rows written so far, by every part of the run.</summary>
    public long RowsWritten => Interlocked.Read(ref rowsWritten);

    /// <summary>Counts <paramref name="rows"/> more rows written.</summary>
    public void Wrote(long rows) => Interlocked.Add(ref rowsWritten, rows);

    /// <summary>A connection to <paramref name="database"/> with the bulk session settings (<see cref="BulkSession"/>).</summary>
    public async Task<MySqlConnection> OpenAsync(string database, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ChangeDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
            await BulkSession.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
