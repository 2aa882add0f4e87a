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
/// this table's ALTER was the server's only ALTER TABLE at two polls in a row, no other ALTER TABLE began between them
/// (<c>Com_alter_table</c> unchanged: a short one can start and end unseen between two polls, and write the figure), and
/// the value changed between them: then only this build can have written it.
/// A partitioned table gets no estimate: its build publishes each partition's in turn, from 0 again at every partition (a
/// build over 30 monthly partitions read 73 %, 21 %, 73 %, 12 %, … 99 %, 30 % within 25 s:
/// results/2026-12-07-seed-medium-amd/index-estimate.txt in git history at 1f00b8c), so no value says how far the table has come.
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
        var polled = connection is not null && !await IsPartitionedAsync(connection, database, table, cancellationToken).ConfigureAwait(false);
        return new IndexBuildWatch(connection, stop, polled ? PollAsync(connection!, database, $"ALTER TABLE `{table}` %", interval, estimated, stop.Token) : Task.CompletedTask);
    }

    /// <summary>What two consecutive polls say of this table's build (see the remarks).</summary>
    /// <returns>The estimate (0 to 1), or null when the figure may be another build's or did not move.</returns>
    internal static double? EstimateOf(Poll before, Poll now) =>
        before is { Alters: 1, Ours: 1 } && now is { Alters: 1, Ours: 1 } && before.BegunBefore == now.BegunAfter && before.Figure != now.Figure
            ? Math.Clamp(now.Figure / 10000.0, 0, 1)
            : null;

    private static async Task<bool> IsPartitionedAsync(MySqlConnection connection, string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(PARTITION_NAME) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = @database AND TABLE_NAME = @table",
                new { database, table }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
        }
        catch (MySqlException)
        {
            // Not answered: no estimate rather than a wrong one (the build's own statement reports a server gone).
            return true;
        }
    }

    private static async Task PollAsync(MySqlConnection connection, string database, string statement, TimeSpan interval, Action<double> estimated, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        Poll? previous = null;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                // The ALTERs begun are counted first and last, so two polls cover every moment from the first's start to the second's end.
                var begunBefore = (await StatusAsync(connection, cancellationToken).ConfigureAwait(false)).Begun;
                var alone = await connection.QuerySingleAsync<(long Alters, long Ours)>(new CommandDefinition(
                    "SELECT COUNT(*), CAST(COALESCE(SUM(DB = @database AND INFO LIKE @statement), 0) AS SIGNED) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE 'ALTER TABLE%'",
                    new { database, statement }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var (figure, begunAfter) = await StatusAsync(connection, cancellationToken).ConfigureAwait(false);
                if (figure is null || begunBefore is null || begunAfter is null)
                {
                    return;
                }

                var poll = new Poll(alone.Alters, alone.Ours, begunBefore.Value, begunAfter.Value, figure.Value);
                if (previous is { } before && EstimateOf(before, poll) is { } estimate)
                {
                    estimated(estimate);
                }

                previous = poll;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the build ended (or the seed was cancelled, which the build's own statement reports).
        }
    }

    /// <summary>One poll of the server: the ALTER TABLE statements running, how many of them are this table's, the ALTER TABLE statements begun so far (<c>Com_alter_table</c>) as the poll starts and as it ends, and the estimate (<c>Innodb_onlineddl_pct_progress</c>).</summary>
    internal readonly record struct Poll(long Alters, long Ours, long BegunBefore, long BegunAfter, long Figure);

    /// <summary>The server's estimate and the ALTER TABLE statements begun so far; null where the server has no such figure.</summary>
    private static async Task<(long? Figure, long? Begun)> StatusAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(
            "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_onlineddl_pct_progress', 'Com_alter_table')", cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Name, r => long.Parse(r.Value, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        return (rows.TryGetValue("Innodb_onlineddl_pct_progress", out var figure) ? figure : null, rows.TryGetValue("Com_alter_table", out var begun) ? begun : null);
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
