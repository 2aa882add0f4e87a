using System.Globalization;
using Dapper;
using MySqlConnector;

namespace Perf.Seed;

/// <summary>
/// How far one table's index build (one <c>ALTER TABLE … ADD …</c>) has come, by the server's own estimate, so that a build
/// of a hundred million rows does not leave the progress line where it was for half an hour.
/// </summary>
/// <remarks>
/// MariaDB publishes one server-wide estimate of the in-place ALTER it last advanced (<c>Innodb_onlineddl_pct_progress</c>,
/// 10000 = 100 %, weighted over the build's phases, so not linear in time; 0 once no build runs). With two builds at once
/// it belongs to neither, and one read as a build ends and another starts may be either's. So a value counts only when
/// this table's ALTER was the server's only ALTER TABLE at two polls in a row and the value changed between them: then
/// only this build can have written it.
/// A server without the figure (MySQL) gives no estimate, nor does a poll that fails: the line stays at the tables done.
/// </remarks>
internal sealed class IndexBuildWatch : IAsyncDisposable
{
    /// <summary>How often the seeder asks: the plain progress lines come at most every 5 s.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly MySqlConnection? connection;
    private readonly CancellationTokenSource stop;
    private readonly Task polling;

    private IndexBuildWatch(MySqlConnection? connection, CancellationTokenSource stop, Task polling) =>
        (this.connection, this.stop, this.polling) = (connection, stop, polling);

    /// <summary>Polls every <paramref name="interval"/> until disposed, passing each estimate (0 to 1) of <paramref name="database"/>.<paramref name="table"/>'s build to <paramref name="estimated"/>.</summary>
    public static async Task<IndexBuildWatch> StartAsync(MySqlDataSource dataSource, string database, string table, TimeSpan interval, Action<double> estimated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(estimated);
        MySqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // No estimate; the build's own statement will meet the same server and say what is wrong with it.
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new IndexBuildWatch(connection, stop, connection is null ? Task.CompletedTask : PollAsync(connection, database, $"ALTER TABLE `{table}` %", interval, estimated, stop.Token));
    }

    private static async Task PollAsync(MySqlConnection connection, string database, string statement, TimeSpan interval, Action<double> estimated, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        long? previous = null;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var alone = await connection.QuerySingleAsync<(long Alters, long Ours)>(new CommandDefinition(
                    "SELECT COUNT(*), CAST(COALESCE(SUM(DB = @database AND INFO LIKE @statement), 0) AS SIGNED) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE 'ALTER TABLE%'",
                    new { database, statement }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var figure = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(
                    "SHOW GLOBAL STATUS LIKE 'Innodb_onlineddl_pct_progress'", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
                if (figure.Count == 0)
                {
                    return;
                }

                long? value = alone is { Alters: 1, Ours: 1 } ? long.Parse(figure[0].Value, CultureInfo.InvariantCulture) : null;
                if (value is { } now && previous is { } before && now != before)
                {
                    estimated(Math.Clamp(now / 10000.0, 0, 1));
                }

                previous = value;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the build ended (or the seed was cancelled, which the build's own statement reports).
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await polling.ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // An estimate is a courtesy: a poll that failed (the server gone) costs the line its estimate, never the seed; the
            // build's own statement reports what went wrong with the server.
        }
        finally
        {
            stop.Dispose();
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
