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
}
