using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>Archives or deletes rows past their retention period, whole months by partition where it can.</summary>
/// <remarks>
/// On partitioned tables a month past retention moves in O(1): <c>EXCHANGE PARTITION</c> swaps it into an empty stage
/// table, and a second exchange swaps the stage into the archive's same month. Rows in the stage are in neither table,
/// so every run first finishes a stage left non-empty by a kill. The live month's partition, empty after the first
/// exchange, is then dropped (the design's "drop old partitions"), and so is any such month an earlier run left behind.
/// Partial months, and unpartitioned tables, take the chunked row path. A named server lock serializes runs on one
/// database (a second run waits up to a minute).
/// </remarks>
public sealed class RetentionJob(MySqlDataSource dataSource, RetentionPolicy policy, RetentionOptions options, ILogger? logger = null)
{
    /// <summary>The longest lock name MySQL 8 accepts (MariaDB takes longer ones; MySQL refuses them with an error).</summary>
    internal const int MaxLockNameLength = 64;

    private const string LockSuffix = ".telemetry_retention";
    private const int LockHashLength = 16;
    private const string LockSql = "SELECT GET_LOCK(@name, 60)";
    private const string TableExistsSql = "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table";

    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Applies every rule of the policy at <paramref name="now"/> (UTC).</summary>
    /// <exception cref="InvalidOperationException">Another retention run holds this database's lock.</exception>
    public async Task<RetentionReport> RunAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!options.DryRun)
        {
            var locked = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                LockSql, new { name = LockName(connection.Database) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (locked != 1)
            {
                throw new InvalidOperationException("Another retention run has held this database's lock for a minute; try again when it ends.");
            }
        }

        var reports = new List<RetentionTableReport>();
        foreach (var rule in policy.Rules)
        {
            reports.Add(await RunRuleAsync(connection, rule, now, cancellationToken).ConfigureAwait(false));
        }

        return new RetentionReport(now, reports);
    }

    /// <summary>The server lock name that serializes retention runs on <paramref name="database"/>: at most <see cref="MaxLockNameLength"/> characters, one per database.</summary>
    /// <remarks>
    /// A name that fits is the database's name and <c>.telemetry_retention</c>, as it always was; a longer database name
    /// is cut and followed by a hash of the whole name, so two long names sharing their first characters still lock apart.
    /// </remarks>
    internal static string LockName(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Length + LockSuffix.Length <= MaxLockNameLength)
        {
            return database + LockSuffix;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..LockHashLength];
        var kept = MaxLockNameLength - LockSuffix.Length - LockHashLength - 1;
        // Never half a surrogate pair: the server counts characters, and a lone half is no character.
        kept -= char.IsHighSurrogate(database[kept - 1]) ? 1 : 0;
        return $"{database[..kept]}~{hash}{LockSuffix}";
    }

    private async Task<RetentionTableReport> RunRuleAsync(MySqlConnection connection, RetentionRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var live = rule.Table;
        var archive = live.Archive;
        var cutoff = rule.Period.CutoffBefore(now);
        if (!options.DryRun)
        {
            await RetentionCutoffs.RecordAsync(connection, live, cutoff, cancellationToken).ConfigureAwait(false);
        }

        var partitions = await PartitionCatalog.ReadAsync(connection, live, cancellationToken).ConfigureAwait(false);
        var partitioned = partitions.Count > 0;

        long recovered = 0;
        if (partitioned && archive is not null)
        {
            recovered = await PrepareStageAsync(connection, live, archive, cancellationToken).ConfigureAwait(false);
        }

        var moves = new List<PartitionMove>();
        var dropped = new List<string>();

        // The highest bounded month stays even past retention (emptied, not dropped): maintenance adds months after
        // it, and without it p_future would take over its range.
        var lastBounded = partitions.LastOrDefault(p => !p.IsCatchAll);
        foreach (var partition in partitions.Where(p => p.IsEntirelyBefore(cutoff)))
        {
            var rows = await PartitionCatalog.CountAsync(connection, live, partition, cancellationToken).ConfigureAwait(false);
            var drop = partition.Month is not null && partition != lastBounded;
            if (rows == 0 && !drop)
            {
                continue;
            }

            if (rows > 0 || archive is null)
            {
                moves.Add(new PartitionMove(partition.Name, rows));
            }

            if (options.DryRun)
            {
                if (drop)
                {
                    dropped.Add(partition.Name);
                }

                continue;
            }

            if (archive is not null)
            {
                if (rows > 0)
                {
                    await ArchivePartitionAsync(connection, live, archive, partition, cancellationToken).ConfigureAwait(false);
                    LifecycleLog.PartitionArchived(logger, live.Name, partition.Name, rows, archive.Name);
                }

                // After its exchange (or an earlier run's) the month is empty: drop it, only once it is empty.
                if (drop && await DropIfEmptyAsync(connection, live, partition, cancellationToken).ConfigureAwait(false))
                {
                    dropped.Add(partition.Name);
                }
            }
            else
            {
                // Month partitions past retention go for good; p_before stays (empty) as the plan's floor, and the
                // highest month for maintenance.
                var sql = drop
                    ? $"ALTER TABLE `{live.Name}` DROP PARTITION `{partition.Name}`"
                    : $"ALTER TABLE `{live.Name}` TRUNCATE PARTITION `{partition.Name}`";
                await connection.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                LifecycleLog.PartitionDropped(logger, live.Name, partition.Name, rows);
                if (drop)
                {
                    dropped.Add(partition.Name);
                }
            }

            await PauseAsync(cancellationToken).ConfigureAwait(false);
        }

        long rowPath;
        if (options.DryRun)
        {
            var older = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM `{live.Name}` WHERE `{live.TimeColumn}` < @cutoff", new { cutoff }, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            rowPath = older - moves.Sum(m => m.Rows);
        }
        else
        {
            rowPath = await RowMover.MoveAsync(connection, live, archive, cutoff, options, logger, cancellationToken).ConfigureAwait(false);
            if (partitioned && archive is not null)
            {
                await DropStageIfEmptyAsync(connection, StageTable.For(live), cancellationToken).ConfigureAwait(false);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        LifecycleLog.RetentionDone(logger, live.Name, rule.Action, cutoff, moves.Count, rowPath, elapsed);
        return new RetentionTableReport(live.Name, rule.Action, cutoff, partitioned, moves, rowPath, recovered, options.DryRun, elapsed) { DroppedPartitions = dropped };
    }

    /// <summary>Finishes a stage left by an interrupted run and drops it.</summary>
    /// <returns>The rows recovered from the stage.</returns>
    private async Task<long> PrepareStageAsync(MySqlConnection connection, TelemetryTable live, TelemetryTable archive, CancellationToken cancellationToken)
    {
        var stage = StageTable.For(live);
        long recovered = 0;
        if (await ExistsAsync(connection, stage, cancellationToken).ConfigureAwait(false))
        {
            if (options.DryRun)
            {
                return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM `{stage.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            recovered = await FinishStageAsync(connection, stage, archive, cancellationToken).ConfigureAwait(false);
            if (recovered > 0)
            {
                LifecycleLog.StageRecovered(logger, stage.Name, recovered, archive.Name);
            }

            // Recreated when next needed, so it always matches the live table's current columns and indexes.
            await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE `{stage.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return recovered;
    }

    /// <summary>Creates an empty, unpartitioned copy of the live table to exchange months through, unless one exists.</summary>
    private static async Task EnsureStageAsync(MySqlConnection connection, TelemetryTable live, CancellationToken cancellationToken)
    {
        var stage = StageTable.For(live);
        if (await ExistsAsync(connection, stage, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // A kill between these two leaves an empty partitioned stage, which the next run drops in PrepareStageAsync.
        await connection.ExecuteAsync(new CommandDefinition($"CREATE TABLE `{stage.Name}` LIKE `{live.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"ALTER TABLE `{stage.Name}` REMOVE PARTITIONING", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Moves one whole live partition into the archive: live → stage → archive, each an O(1) exchange.</summary>
    private async Task ArchivePartitionAsync(MySqlConnection connection, TelemetryTable live, TelemetryTable archive, TablePartition partition, CancellationToken cancellationToken)
    {
        var stage = StageTable.For(live);
        await EnsureStageAsync(connection, live, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"ALTER TABLE `{live.Name}` EXCHANGE PARTITION `{partition.Name}` WITH TABLE `{stage.Name}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // From here until the stage is empty again its rows are in neither table; a kill now is finished by the next run.
        LifecycleLog.PartitionStaged(logger, live.Name, partition.Name, stage.Name);
        await PauseAsync(cancellationToken).ConfigureAwait(false);
        await FinishStageAsync(connection, stage, archive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves whatever the stage holds into the archive and leaves the stage empty.</summary>
    /// <remarks>
    /// When the archive's matching partition is empty, one exchange does it. When it already holds rows (a partial
    /// month archived earlier by the row path, or late rows), the larger set moves by exchange and the smaller by rows.
    /// </remarks>
    private async Task<long> FinishStageAsync(MySqlConnection connection, TelemetryTable stage, TelemetryTable archive, CancellationToken cancellationToken)
    {
        var (count, min, max) = await connection.QuerySingleAsync<(long, DateTime?, DateTime?)>(new CommandDefinition(
            $"SELECT COUNT(*), MIN(`{stage.TimeColumn}`), MAX(`{stage.TimeColumn}`) FROM `{stage.Name}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (count == 0)
        {
            return 0;
        }

        var archivePartitions = await PartitionCatalog.ReadAsync(connection, archive, cancellationToken).ConfigureAwait(false);
        var target = archivePartitions.FirstOrDefault(p => p.Holds(min!.Value, max!.Value));
        if (target is not null)
        {
            var archived = await PartitionCatalog.CountAsync(connection, archive, target, cancellationToken).ConfigureAwait(false);
            if (archived <= count)
            {
                // The bounds were checked above, so MySQL may skip re-validating every row; MariaDB 10.11 has no such clause.
                var info = await ServerInfo.DetectAsync(connection, cancellationToken).ConfigureAwait(false);
                var validation = info.Flavor == ServerFlavor.MySql ? " WITHOUT VALIDATION" : string.Empty;
                await connection.ExecuteAsync(new CommandDefinition(
                    $"ALTER TABLE `{archive.Name}` EXCHANGE PARTITION `{target.Name}` WITH TABLE `{stage.Name}`{validation}",
                    commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (archived == 0)
                {
                    return count;
                }

                await PauseAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // The stage now holds the smaller set (or the archive has no partition for these rows): merge it row by row.
        await RowMover.MoveAsync(connection, stage, archive, null, options, logger, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Drops a live month partition that archiving has emptied, unless a row has reached it since.</summary>
    /// <returns>Whether it was dropped.</returns>
    /// <remarks>
    /// The write lock keeps other sessions from adding a row to the month between the count and the drop (and waits
    /// for any open transaction that already did), so a row not yet archived is never dropped: it stays for the
    /// next run to archive. The count and the drop hold only for an empty partition, so a kill anywhere loses nothing.
    /// </remarks>
    private async Task<bool> DropIfEmptyAsync(MySqlConnection connection, TelemetryTable live, TablePartition partition, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition($"LOCK TABLES `{live.Name}` WRITE", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        try
        {
            var rows = await PartitionCatalog.CountAsync(connection, live, partition, cancellationToken).ConfigureAwait(false);
            if (rows > 0)
            {
                LifecycleLog.EmptiedPartitionRefilled(logger, live.Name, partition.Name, rows);
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"ALTER TABLE `{live.Name}` DROP PARTITION `{partition.Name}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            LifecycleLog.EmptiedPartitionDropped(logger, live.Name, partition.Name);
            return true;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("UNLOCK TABLES", cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private static async Task DropStageIfEmptyAsync(MySqlConnection connection, TelemetryTable stage, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, stage, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var rows = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM `{stage.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (rows == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE `{stage.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private static async Task<bool> ExistsAsync(MySqlConnection connection, TelemetryTable table, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(TableExistsSql, new { table = table.Name }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private Task PauseAsync(CancellationToken cancellationToken) =>
        options.Pause > TimeSpan.Zero ? Task.Delay(options.Pause, cancellationToken) : Task.CompletedTask;
}
