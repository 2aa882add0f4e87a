using Dapper;
using MySqlConnector;

namespace Telemetry.Data.Schema;

/// <summary>Adds secondary indexes idempotently and online, on MySQL 8 as well as MariaDB.</summary>
/// <remarks>
/// MySQL 8 has no <c>CREATE INDEX IF NOT EXISTS</c>, so the migration looks in <c>information_schema.STATISTICS</c>
/// first and skips an index whose name or exact column list is already there (the strategy's list repeats two of
/// the basic indexes under new names; a second copy would only slow every write).
/// </remarks>
public static class IndexMigration
{
    private const string ExistingIndexesSql = """
        SELECT INDEX_NAME AS IndexName, COLUMN_NAME AS ColumnName
        FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table
        ORDER BY INDEX_NAME, SEQ_IN_INDEX
        """;

    /// <summary>Adds every index in <paramref name="indexes"/> that is not yet present; returns those it added.</summary>
    public static async Task<IReadOnlyList<IndexDefinition>> ApplyAsync(
        MySqlConnection connection, IEnumerable<IndexDefinition> indexes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(indexes);

        var added = new List<IndexDefinition>();
        foreach (var group in indexes.GroupBy(i => i.Table))
        {
            var existing = await ReadIndexesAsync(connection, group.Key, cancellationToken).ConfigureAwait(false);
            var missing = group.Where(i => !existing.ContainsKey(i.Name) && !existing.Values.Any(cols => cols.SequenceEqual(i.Columns))).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            // One ALTER per table builds all its new indexes in a single pass; INPLACE + LOCK=NONE keeps reads and writes going.
            var adds = string.Join(", ", missing.Select(i => $"ADD {i.Definition}"));
            var sql = $"ALTER TABLE `{group.Key.Name}` {adds}, ALGORITHM=INPLACE, LOCK=NONE";
            await connection.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            added.AddRange(missing);
        }

        return added;
    }

    /// <summary>Drops the named indexes where present (used to build the Basic variant from a fuller table).</summary>
    public static async Task DropAsync(MySqlConnection connection, IEnumerable<IndexDefinition> indexes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(indexes);
        foreach (var group in indexes.GroupBy(i => i.Table))
        {
            var existing = await ReadIndexesAsync(connection, group.Key, cancellationToken).ConfigureAwait(false);
            var present = group.Where(i => existing.ContainsKey(i.Name)).ToList();
            if (present.Count > 0)
            {
                var drops = string.Join(", ", present.Select(i => $"DROP INDEX `{i.Name}`"));
                await connection.ExecuteAsync(new CommandDefinition($"ALTER TABLE `{group.Key.Name}` {drops}", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The secondary indexes of a table by name, with their columns in key order.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadIndexesAsync(
        MySqlConnection connection, TelemetryTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var rows = await connection.QueryAsync<(string IndexName, string ColumnName)>(
            new CommandDefinition(ExistingIndexesSql, new { table = table.Name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Where(r => r.IndexName != "PRIMARY")
            .GroupBy(r => r.IndexName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.ColumnName)], StringComparer.OrdinalIgnoreCase);
    }
}
