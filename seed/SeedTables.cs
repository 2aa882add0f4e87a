using Dapper;
using MySqlConnector;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Rollups;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Seed;

/// <summary>Table-level statements the seeder runs: recreate, count, copy between variant databases.</summary>
/// <remarks>Database and table names come from <see cref="VariantDatabase"/> and <see cref="TelemetryTable"/> (allow-lists).</remarks>
internal static class SeedTables
{
    /// <summary>The copied columns of each table (everything, ids and timestamps included, so copies are identical).</summary>
    public static string ColumnList(TelemetryTable table)
    {
        IEnumerable<string> columns =
            table == TelemetryTable.Trades ? [.. TelemetryColumns.TradesWithId.Select(c => c.Name), "created_at"]
            : table == TelemetryTable.Health ? TelemetryColumns.HealthWithId.Select(c => c.Name)
            : table == TelemetryTable.Metrics ? ["id", .. TelemetryColumns.Metrics.Select(c => c.Name), "updated_at"]
            : throw new ArgumentException($"{table.Name} is not copied.", nameof(table));
        return string.Join(", ", columns.Select(c => $"`{c}`"));
    }

    /// <summary>Creates a variant database unless it exists.</summary>
    public static string CreateDatabaseSql(string database) => $"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";

    /// <summary>
    /// The lifecycle jobs' records of the live tables' rows: the cutoffs retention applied to them, the ids the rollups
    /// have scanned, and the stage tables a month passes through on its way to the archive. They go with the rows they
    /// describe: kept beside new rows, a cutoff would make the API refuse every new trade before it as archived, a
    /// watermark past the new rows' ids would make <c>rollup-hourly</c> skip those inserted next, and a stage a killed
    /// archive run left full would be finished into the new dataset's archive, rows that were never in it.
    /// </summary>
    public static IReadOnlyList<string> LiveRowRecords { get; } = [RetentionCutoffs.Table, IncrementalRollup.WatermarkTable, StageTable.Trades.Name, StageTable.Metrics.Name];

    /// <summary>Drops every telemetry table, the jobs' records of their rows (<see cref="LiveRowRecords"/>) and the seeder's bookkeeping in the connection's database.</summary>
    public static async Task DropAllAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", TelemetryTable.All.Select(t => t.Name).Concat(LiveRowRecords).Select(name => $"`{name}`"));
        await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE IF EXISTS {names}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await DatasetCatalog.DropAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns InnoDB's automatic statistics recalculation off or back on for the live tables of the connection's database (a metadata change).</summary>
    /// <remarks>
    /// While a table fills, InnoDB recalculates its statistics each time a tenth of its rows changed: a LOAD DATA of 5M metric
    /// windows into an empty table took 29.3-29.7 server CPU-seconds with it off and 35.5-52.7 with it on, in alternating
    /// runs, the difference spent on a background thread (git history at 81b52d3, results/2026-12-04-seed-server-costs). Seeding turns it off while
    /// rows go in and back on (the table's default, so the definition is the schema's again) before it takes the statistics
    /// once, on the complete table.
    /// </remarks>
    public static async Task SetAutoStatisticsAsync(MySqlConnection connection, bool enabled, CancellationToken cancellationToken)
    {
        foreach (var table in TelemetryTable.Live)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"ALTER TABLE `{table.Name}` STATS_AUTO_RECALC = {(enabled ? "DEFAULT" : "0")}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>The largest id in a table of the connection's database, or 0.</summary>
    public static Task<long> MaxIdAsync(MySqlConnection connection, TelemetryTable table, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COALESCE(MAX(id), 0) FROM `{table.Name}`", cancellationToken: cancellationToken));

    /// <summary>The largest id in a table of another database, or 0.</summary>
    public static Task<long> MaxIdAsync(MySqlConnection connection, string database, TelemetryTable table, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COALESCE(MAX(id), 0) FROM `{database}`.`{table.Name}`", cancellationToken: cancellationToken));

    /// <summary>The smallest and largest id above <paramref name="afterId"/> (0 and 0 when none): two primary-key seeks.</summary>
    public static async Task<(long MinId, long MaxId)> IdBoundsAsync(MySqlConnection connection, TelemetryTable table, long afterId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<(long MinId, long MaxId)>(new CommandDefinition(
            $"SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM `{table.Name}` WHERE id > @afterId",
            new { afterId }, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row;
    }

    /// <summary>Counts every row of a table in the connection's database.</summary>
    public static Task<long> CountAsync(MySqlConnection connection, TelemetryTable table, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM `{table.Name}`", commandTimeout: 0, cancellationToken: cancellationToken));

    /// <summary>Deletes rows with ids above <paramref name="afterId"/> (the rows of an abandoned dataset).</summary>
    public static Task<int> DeleteAfterAsync(MySqlConnection connection, TelemetryTable table, long afterId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"DELETE FROM `{table.Name}` WHERE id > @afterId", new { afterId }, commandTimeout: 0, cancellationToken: cancellationToken));

    /// <summary>Copies rows with ids in (<paramref name="afterId"/>, <paramref name="upToId"/>] from <paramref name="source"/> into the connection's database.</summary>
    public static Task<int> CopyRangeAsync(MySqlConnection connection, string source, TelemetryTable table, long afterId, long upToId, CancellationToken cancellationToken)
    {
        var columns = ColumnList(table);
        var sql = $"INSERT INTO `{table.Name}` ({columns}) SELECT {columns} FROM `{source}`.`{table.Name}` WHERE id > @afterId AND id <= @upToId";
        return connection.ExecuteAsync(new CommandDefinition(sql, new { afterId, upToId }, commandTimeout: 0, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the dataset records of the connection's database with those of <paramref name="source"/>.</summary>
    public static async Task CopyCatalogAsync(MySqlConnection connection, string source, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM perf_dataset", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO perf_dataset SELECT * FROM `{source}`.perf_dataset", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE perf_dataset SET source_database = COALESCE(source_database, @source)", new { source }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
