using Dapper;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>Reads a variant database's data and index bytes (<c>information_schema.TABLES</c>) and per-index sizes (<c>mysql.innodb_index_stats</c>), after <c>ANALYZE TABLE</c>.</summary>
internal static class StorageProbe
{
    private const string TableSizesSql = """
        SELECT table_name AS TableName, COALESCE(data_length, 0) AS DataBytes, COALESCE(index_length, 0) AS IndexBytes
        FROM information_schema.TABLES
        WHERE table_schema = @database AND table_name IN @tables
        """;

    // Partitions appear as <table>#P#<partition> (MariaDB) or #p# (MySQL 8); their pages add up per index.
    private const string IndexSizesSql = """
        SELECT table_name AS TableName, index_name AS IndexName, SUM(stat_value) AS Pages
        FROM mysql.innodb_index_stats
        WHERE database_name = @database AND stat_name = 'size'
        GROUP BY table_name, index_name
        """;

    public static async Task<(long DataBytes, long IndexBytes, IReadOnlyList<IndexSize> Indexes)> MeasureAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var tables = TelemetryTable.Live.Select(t => t.Name).ToArray();
        foreach (var table in TelemetryTable.Live)
        {
            // Fresh persistent statistics, so sizes reflect the rows just loaded; table names come from the allow-list.
            await connection.ExecuteAsync(new CommandDefinition($"ANALYZE TABLE `{table.Name}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var sizes = (await connection.QueryAsync<(string TableName, long DataBytes, long IndexBytes)>(
            new CommandDefinition(TableSizesSql, new { database, tables }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var pageSize = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT @@innodb_page_size", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var pages = await connection.QueryAsync<(string TableName, string IndexName, long Pages)>(
            new CommandDefinition(IndexSizesSql, new { database }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var indexes = pages
            .Select(p => (Table: p.TableName.Split('#')[0], p.IndexName, Bytes: p.Pages * pageSize))
            .Where(p => tables.Contains(p.Table, StringComparer.Ordinal))
            .GroupBy(p => (p.Table, p.IndexName))
            .Select(g => new IndexSize(g.Key.Table, g.Key.IndexName, g.Sum(p => p.Bytes)))
            .OrderBy(i => i.Table, StringComparer.Ordinal).ThenBy(i => i.Index, StringComparer.Ordinal)
            .ToList();
        return (sizes.Sum(s => s.DataBytes), sizes.Sum(s => s.IndexBytes), indexes);
    }
}
