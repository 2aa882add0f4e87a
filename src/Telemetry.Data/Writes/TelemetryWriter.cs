using System.Globalization;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Writes;

/// <summary>Bulk-loads telemetry rows through LOAD DATA LOCAL, checked so a skipped row is an error, not a warning.</summary>
public static class TelemetryWriter
{
    /// <summary>Streams rows into a table on the caller's connection and transaction.</summary>
    /// <remarks>
    /// LOAD DATA LOCAL turns bad values and duplicate keys into warnings and skips the row, so the load is checked:
    /// any warning, or a row count other than the rows read, throws <see cref="BulkWriteException"/> and the caller's
    /// transaction must be rolled back (disposing it uncommitted does that).
    /// </remarks>
    public static async Task<long> BulkInsertAsync<T>(
        MySqlConnection connection, MySqlTransaction? transaction, TelemetryTable table, IEnumerable<T> rows,
        IReadOnlyList<RecordColumn<T>> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var bulkCopy = new MySqlBulkCopy(connection, transaction)
        {
            DestinationTableName = $"`{table.Name}`",
            BulkCopyTimeout = 0,
            ConflictOption = MySqlBulkLoaderConflictOption.None,
        };
        for (var i = 0; i < columns.Count; i++)
        {
            bulkCopy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, columns[i].Name));
        }

        using var reader = new RecordDataReader<T>(rows, columns);
        var result = await bulkCopy.WriteToServerAsync(reader, cancellationToken).ConfigureAwait(false);
        if (result.Warnings.Count > 0)
        {
            var first = result.Warnings[0];
            throw new BulkWriteException(string.Create(CultureInfo.InvariantCulture,
                $"Bulk load into {table.Name} raised {result.Warnings.Count} warning(s); first: {first.Level} {first.ErrorCode}: {first.Message}"));
        }

        if (result.RowsInserted != reader.RowsRead)
        {
            throw new BulkWriteException(string.Create(CultureInfo.InvariantCulture,
                $"Bulk load into {table.Name} inserted {result.RowsInserted} of {reader.RowsRead} rows."));
        }

        return result.RowsInserted;
    }
}
