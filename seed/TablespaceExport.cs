using System.Data;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>
/// A source database's tables held for export (<c>FLUSH TABLES … FOR EXPORT</c>) with their InnoDB files in reach, so a
/// copy can take the files instead of the rows (transportable tablespaces). Disposing releases the tables.
/// </summary>
/// <remarks>
/// Possible only where this process sees and may write the server's data directory: a server the harness runs, or one
/// this user started. The proof is the export itself: the server writes a <c>.cfg</c> file beside each table's
/// <c>.ibd</c>, and both must be found under <c>@@datadir</c> here. A row copy costs a statement per row and a sort per
/// index; a file copy is I/O, and the copy arrives with the source's indexes built.
/// </remarks>
internal sealed class TablespaceExport : IAsyncDisposable
{
    private readonly MySqlConnection connection;
    private readonly string dataDirectory;
    private readonly string sourceDatabase;

    private TablespaceExport(MySqlConnection connection, string dataDirectory, string sourceDatabase, IReadOnlyList<TelemetryTable> tables)
    {
        this.connection = connection;
        this.dataDirectory = dataDirectory;
        this.sourceDatabase = sourceDatabase;
        Tables = tables;
    }

    /// <summary>The exported tables.</summary>
    public IReadOnlyList<TelemetryTable> Tables { get; }

    /// <summary>The size of the data files to copy.</summary>
    public long Bytes => Tables.Sum(t => new FileInfo(SourceFile(t, ".ibd")).Length);

    /// <summary>Holds <paramref name="tables"/> of the connection's database for export; null, with nothing held, when their files cannot be reached from here.</summary>
    /// <param name="connection">A connection to the source database, used only for the export until disposal.</param>
    public static async Task<TablespaceExport?> TryStartAsync(MySqlConnection connection, IReadOnlyList<TelemetryTable> tables, CancellationToken cancellationToken)
    {
        var database = connection.Database;
        var dataDirectory = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT @@datadir", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(dataDirectory) || !Directory.Exists(Path.Combine(dataDirectory, database)))
        {
            return null;
        }

        var names = string.Join(", ", tables.Select(t => $"`{t.Name}`"));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition($"FLUSH TABLES {names} FOR EXPORT", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (MySqlException) when (connection.State == ConnectionState.Open)
        {
            // The server refused (no privilege, or a table not in a file of its own): its answer, not a lost connection.
            return null;
        }

        var export = new TablespaceExport(connection, dataDirectory, database, tables);
        if (!tables.All(t => File.Exists(export.SourceFile(t, ".ibd")) && File.Exists(export.SourceFile(t, ".cfg"))))
        {
            // The server's data directory is not this machine's (a container or a tunnel showing the same path), or not readable here.
            await export.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        return export;
    }

    /// <summary>Removes files a copy interrupted before its import left in <paramref name="targetDatabase"/> (the table must be dropped first).</summary>
    public void RemoveStrayFiles(string targetDatabase, TelemetryTable table) => RemoveStrayFiles(dataDirectory, targetDatabase, table);

    /// <summary>Removes a table's data file and export metadata from <paramref name="database"/>'s directory, once the server no longer has the table there.</summary>
    /// <remarks>
    /// What a copy interrupted before its import leaves beside the discarded table (the copied <c>.ibd</c> and <c>.cfg</c>), and
    /// the <c>.cfg</c> files earlier seeders left beside imported tables. Dropping or renaming the table leaves them behind,
    /// where they keep <c>DROP DATABASE</c> from removing the directory and a new table of the name from being created.
    /// </remarks>
    /// <param name="dataDirectory">The server's data directory, on this machine.</param>
    public static void RemoveStrayFiles(string dataDirectory, string database, TelemetryTable table)
    {
        var directory = Path.Combine(dataDirectory, database);
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var extension in (string[])[".ibd", ".cfg"])
        {
            File.Delete(Path.Combine(directory, table.Name + extension));
        }
    }

    /// <summary>Removes the export metadata (<c>.cfg</c>) copied beside an imported table: the import has read it, and a file the server does not own would keep <c>DROP DATABASE</c> from removing the directory once the table is gone.</summary>
    public void RemoveMetadata(string targetDatabase, TelemetryTable table) => File.Delete(TargetFile(targetDatabase, table, ".cfg"));

    /// <summary>Copies one table's files into <paramref name="targetDatabase"/>, whose table of the same name has discarded its tablespace.</summary>
    /// <param name="copied">Called with the bytes copied so far of this table's data file.</param>
    /// <returns>The size of the data file.</returns>
    public async Task<long> CopyAsync(string targetDatabase, TelemetryTable table, Action<long> copied, CancellationToken cancellationToken)
    {
        File.Copy(SourceFile(table, ".cfg"), TargetFile(targetDatabase, table, ".cfg"), overwrite: true);
        return await DirectIo.CopyAsync(SourceFile(table, ".ibd"), TargetFile(targetDatabase, table, ".ibd"), copied, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the tables (the server deletes its <c>.cfg</c> files); a lost connection released them already.</summary>
    public async ValueTask DisposeAsync()
    {
        if (connection.State == ConnectionState.Open)
        {
            await connection.ExecuteAsync("UNLOCK TABLES").ConfigureAwait(false);
        }
    }

    private string SourceFile(TelemetryTable table, string extension) => Path.Combine(dataDirectory, sourceDatabase, table.Name + extension);

    private string TargetFile(string database, TelemetryTable table, string extension) => Path.Combine(dataDirectory, database, table.Name + extension);
}
