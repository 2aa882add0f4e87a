using Dapper;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>
/// The tables a run replaces, moved out of its way (<c>RENAME TABLE</c> into a database of their own, a metadata change)
/// so they can be dropped beside the load instead of before it: dropping the medium preset's three variants (35 GB)
/// took 12-16 s here with nothing else to do.
/// </summary>
/// <remarks>
/// Each variant database has one such database, <c>&lt;database&gt;_replaced</c>. One left by a run killed before it dropped
/// it holds nothing anyone needs: the next run counts it as space it frees and drops it before moving tables into it.
/// </remarks>
internal static class ReplacedTables
{
    /// <summary>The database the tables of <paramref name="database"/> are moved into.</summary>
    public static string AsideName(string database) => database + "_replaced";

    /// <summary>Moves the tables a fresh load of <paramref name="database"/> replaces into <see cref="AsideName"/>.</summary>
    /// <param name="everything">Every table (<c>--reset</c>: the database is dropped after); else the tables <see cref="IsReplaced"/> names, as <see cref="SeedTables.DropAllAsync"/> drops them.</param>
    /// <param name="dataDirectory">The server's data directory when it is on this machine: the files of an interrupted import, which a rename leaves behind, are removed from there.</param>
    /// <returns>The database now holding them, to be dropped; null when there was nothing to move.</returns>
    public static async Task<string?> MoveAsideAsync(MySqlConnection connection, string database, bool everything, string? dataDirectory, CancellationToken cancellationToken)
    {
        var aside = AsideName(database);
        await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE IF EXISTS `{aside}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var names = await TablesAsync(connection, database, cancellationToken).ConfigureAwait(false);
        var replaced = everything ? names.ToList() : names.Where(IsReplaced).ToList();
        if (replaced.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE `{aside}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
            var renames = string.Join(", ", replaced.Select(t => $"`{database}`.`{t}` TO `{aside}`.`{t}`"));
            await connection.ExecuteAsync(new CommandDefinition($"RENAME TABLE {renames}", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        // No live table is left here under its name: any file of one is a stray (e.g. a discarded table's copied file moves
        // with neither the rename nor a drop).
        if (dataDirectory is not null)
        {
            foreach (var table in TelemetryTable.Live)
            {
                TablespaceExport.RemoveStrayFiles(dataDirectory, database, table);
            }
        }

        return replaced.Count > 0 ? aside : null;
    }

    /// <summary>Whether a replacing load replaces <paramref name="table"/>: a telemetry table, the seeder's catalog, or a job's record of the live rows (<see cref="SeedTables.LiveRowRecords"/>); any other table (a lifecycle job's history, say) stays but with <c>--reset</c>.</summary>
    public static bool IsReplaced(string table) =>
        TelemetryTable.All.Any(t => t.Name == table) || DatasetCatalog.TableNames.Contains(table, StringComparer.Ordinal) || SeedTables.LiveRowRecords.Contains(table, StringComparer.Ordinal);

    /// <summary>The base tables of <paramref name="database"/>.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(MySqlConnection connection, string database, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @database AND TABLE_TYPE = 'BASE TABLE'",
            new { database }, cancellationToken: cancellationToken)).ConfigureAwait(false)];

    /// <summary>Drops the databases <see cref="MoveAsideAsync"/> filled.</summary>
    public static async Task DropAsync(MySqlDataSource dataSource, IReadOnlyList<string> asides, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var aside in asides)
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE IF EXISTS `{aside}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
