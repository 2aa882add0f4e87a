using Dapper;
using MySqlConnector;

namespace Telemetry.Data.Schema;

/// <summary>Creates a variant's tables in the connection's current database and brings its indexes up to date.</summary>
public static class SchemaBuilder
{
    /// <summary>Creates the tables (with their basic indexes) if missing and applies the variant's index migration.</summary>
    /// <param name="connection">An open connection whose default database is the target.</param>
    /// <param name="variant">The variant to build.</param>
    /// <param name="partitions">The monthly partitions; required for <see cref="SchemaVariant.Partitioned"/>.</param>
    /// <param name="cancellationToken">Cancels the build between statements.</param>
    public static async Task BuildAsync(MySqlConnection connection, SchemaVariant variant, PartitionPlan? partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var statement in TelemetryDdl.CreateTables(variant, partitions))
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await ApplyIndexesAsync(connection, variant, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the variant's index migration on existing tables (idempotent).</summary>
    public static async Task ApplyIndexesAsync(MySqlConnection connection, SchemaVariant variant, CancellationToken cancellationToken = default)
    {
        var extra = TelemetryIndexes.For(variant).Except(TelemetryIndexes.Basic).ToList();
        if (extra.Count == 0)
        {
            return;
        }

        await IndexMigration.ApplyAsync(connection, extra, cancellationToken).ConfigureAwait(false);
        // Archive tables mirror their live tables so partitions can be exchanged between them.
        var archiveIndexes = extra
            .Where(i => i.Table.Archive is not null)
            .Select(i => i with { Table = i.Table.Archive! });
        await IndexMigration.ApplyAsync(connection, archiveIndexes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the connection's database already holds the variant's live tables.</summary>
    public static async Task<bool> ExistsAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN @names",
            new { names = TelemetryTable.Live.Select(t => t.Name).ToArray() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return count == TelemetryTable.Live.Count;
    }
}
