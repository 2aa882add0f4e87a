using Dapper;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>Brings a variant database's secondary indexes in line with <see cref="TelemetryIndexes.For"/>.</summary>
/// <remarks>
/// A seeded dataset is reused for as long as its rows match, but index definitions change with the code; without this
/// step a bench run would measure yesterday's indexes. Unique keys belong to the table definition and are left alone.
/// </remarks>
public static class VariantIndexes
{
    private const string IndexesSql = """
        SELECT INDEX_NAME AS IndexName, NON_UNIQUE AS NonUnique, COLUMN_NAME AS ColumnName
        FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table
        ORDER BY INDEX_NAME, SEQ_IN_INDEX
        """;

    /// <summary>Drops secondary indexes the variant does not define (or defines differently) and adds the missing ones; returns what changed.</summary>
    public static async Task<IReadOnlyList<string>> ReconcileAsync(MySqlConnection connection, SchemaVariant variant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var changes = new List<string>();
        foreach (var table in TelemetryTable.Live)
        {
            var rows = await connection.QueryAsync<(string IndexName, long NonUnique, string ColumnName)>(
                new CommandDefinition(IndexesSql, new { table = table.Name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var existing = rows.Where(r => r.NonUnique == 1)
                .GroupBy(r => r.IndexName, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Select(r => r.ColumnName).ToList(), StringComparer.OrdinalIgnoreCase);
            var expected = TelemetryIndexes.For(variant).Where(i => i.Table == table).ToList();

            var drops = existing.Keys.Where(name => !expected.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)
                && existing[name].SequenceEqual(e.Columns, StringComparer.OrdinalIgnoreCase))).Order(StringComparer.Ordinal).ToList();
            var adds = expected.Where(e => !existing.TryGetValue(e.Name, out var columns) || !columns.SequenceEqual(e.Columns, StringComparer.OrdinalIgnoreCase)).ToList();
            if (drops.Count == 0 && adds.Count == 0)
            {
                continue;
            }

            var clauses = drops.Select(d => $"DROP INDEX `{d}`").Concat(adds.Select(a => $"ADD INDEX `{a.Name}` ({a.ColumnList})"));
            await connection.ExecuteAsync(new CommandDefinition(
                $"ALTER TABLE `{table.Name}` {string.Join(", ", clauses)}", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            changes.AddRange(drops.Select(d => $"{table.Name}: dropped {d}"));
            changes.AddRange(adds.Select(a => $"{table.Name}: added {a.Name} ({string.Join(", ", a.Columns)})"));
        }

        return changes;
    }
}
