using System.Data;
using Dapper;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>Moves (or deletes) rows in bounded chunks, each chunk copied and deleted in one transaction.</summary>
/// <remarks>
/// Chunks walk the primary key (<c>id &gt; @after ORDER BY id</c>), so the whole run reads the table once instead of
/// sorting by time per chunk; READ COMMITTED releases the locks on rows the time filter rejects. The copy and the
/// delete use the same predicate and must both touch exactly the rows locked by the first read, or the chunk is
/// rolled back: a kill at any moment leaves each row either still in the source or already in the target.
/// </remarks>
internal static class RowMover
{
    private const int MaxAttempts = 5;

    /// <summary>Moves rows of <paramref name="source"/> older than <paramref name="cutoff"/> (all rows when null) to <paramref name="target"/>, or deletes them when it is null.</summary>
    public static async Task<long> MoveAsync(
        MySqlConnection connection, TelemetryTable source, TelemetryTable? target, DateTime? cutoff,
        RetentionOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var filter = cutoff is null ? string.Empty : $" AND `{source.TimeColumn}` < @cutoff";
        var selectSql = $"SELECT id FROM `{source.Name}` WHERE id > @after{filter} ORDER BY id LIMIT @limit FOR UPDATE";
        var copySql = target is null ? null : $"INSERT INTO `{target.Name}` SELECT * FROM `{source.Name}` WHERE id > @after AND id <= @last{filter}";
        var deleteSql = $"DELETE FROM `{source.Name}` WHERE id > @after AND id <= @last{filter}";

        long moved = 0;
        long after = long.MinValue;
        while (true)
        {
            var (count, last) = await MoveChunkAsync(connection, selectSql, copySql, deleteSql, after, cutoff, options.ChunkSize, source, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                return moved;
            }

            moved += count;
            after = last;
            LifecycleLog.ChunkMoved(logger, source.Name, target?.Name ?? "(deleted)", count, moved);
            if (options.Pause > TimeSpan.Zero)
            {
                await Task.Delay(options.Pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<(int Count, long Last)> MoveChunkAsync(
        MySqlConnection connection, string selectSql, string? copySql, string deleteSql, long after, DateTime? cutoff, int limit,
        TelemetryTable source, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            try
            {
                var ids = (await connection.QueryAsync<long>(new CommandDefinition(
                    selectSql, new { after, cutoff, limit }, transaction, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
                if (ids.Count == 0)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return (0, after);
                }

                var last = ids[^1];
                var parameters = new { after, last, cutoff };
                if (copySql is not null)
                {
                    var copied = await connection.ExecuteAsync(new CommandDefinition(copySql, parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    EnsureCount(source, "copied", copied, ids.Count);
                }

                var deleted = await connection.ExecuteAsync(new CommandDefinition(deleteSql, parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                EnsureCount(source, "deleted", deleted, ids.Count);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (ids.Count, last);
            }
            catch (MySqlException ex) when (attempt < MaxAttempts && ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                // The transaction is rolled back by disposal; a live writer won the lock, so try the same chunk again.
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static void EnsureCount(TelemetryTable source, string what, int actual, int expected)
    {
        if (actual != expected)
        {
            // Disposing the transaction uncommitted rolls the chunk back; nothing has moved.
            throw new InvalidOperationException($"Retention {what} {actual} rows of {source.Name} where it locked {expected}; the chunk was rolled back.");
        }
    }
}
