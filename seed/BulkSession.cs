using System.Data;
using Dapper;
using MySqlConnector;

namespace Perf.Seed;

/// <summary>Session settings for bulk loading: skip the checks the loader guarantees itself.</summary>
internal static class BulkSession
{
    // Ids are unique by construction and the schema has no foreign keys; InnoDB can then skip the
    // unique-key lookups (and, on MariaDB, use its sorted bulk path for the first insert into an empty table).
    private const string ChecksOffSql = "SET SESSION unique_checks = 0, SESSION foreign_key_checks = 0";

    private const string RowByRowSql = "SET SESSION unique_checks = 1";

    private const string LogBinSql = "SELECT @@log_bin";

    private const string LogBinOffSql = "SET SESSION sql_log_bin = 0";

    /// <summary>Applies the settings to <paramref name="connection"/>.</summary>
    public static async Task ApplyAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(ChecksOffSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var logBin = await connection.ExecuteScalarAsync<long>(new CommandDefinition(LogBinSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (logBin == 1)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(LogBinOffSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (MySqlException) when (connection.State == ConnectionState.Open)
            {
                // Needs SUPER or BINLOG ADMIN; without it the load is binlogged, which only costs time. A lost
                // connection is not that answer: it goes up as the run's failure.
            }
        }
    }

    /// <summary>Has <paramref name="connection"/>'s <c>INSERT … SELECT</c> statements insert row by row, not by InnoDB's bulk path.</summary>
    /// <remarks>
    /// MariaDB's bulk path for an insert into an empty table sorts the rows through temporary files in the server's
    /// <c>tmpdir</c> (not <c>innodb_tmpdir</c>) even when they arrive in key order: copying 5M metric windows into an empty
    /// partitioned table in 1M-row statements made the server write 5.1 GB that way and 1.0 GB row by row, 4M trades 3.6 GB
    /// and 0.7 GB, for the same CPU (10.1-10.6 against 10.8-10.9 core-seconds for the trades). A LOAD DATA does not do this.
    /// Foreign-key checks stay off; the primary key is checked either way.
    /// </remarks>
    public static Task InsertRowByRowAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(RowByRowSql, cancellationToken: cancellationToken));
}
