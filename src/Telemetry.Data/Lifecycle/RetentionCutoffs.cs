using Dapper;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>The latest cutoff retention has applied to each live table: its rows before it have left the table (archived or deleted).</summary>
/// <remarks>
/// Retention records a table's cutoff before it moves any of the table's rows, so whatever a run moved lies before the
/// recorded cutoff, even when the run was killed halfway. Rollups read it: a cutoff taken at a backfill's <c>--now</c>
/// in the past lies before what a real run has already moved, and would let them rewrite a window from what is left. The
/// API reads it (<see cref="Queries.KeptFromReader"/>) to refuse a range whose answer would lack what left.
/// </remarks>
public static class RetentionCutoffs
{
    /// <summary>The table of cutoffs (one row per live table); created on first use, and replaced with the live tables whose rows it describes (a replacing seed).</summary>
    public const string Table = "dd_retention_cutoff";

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS dd_retention_cutoff (
          `table_name` VARCHAR(64) NOT NULL PRIMARY KEY,
          `cutoff` DATETIME(6) NOT NULL,
          `updated_at` DATETIME(6) NOT NULL
        ) ENGINE=InnoDB
        """;

    // A run at an earlier --now moves nothing a later run has not, so the cutoff only ever moves forward.
    private const string RecordSql = """
        INSERT INTO dd_retention_cutoff (`table_name`, cutoff, updated_at) VALUES (@table, @cutoff, UTC_TIMESTAMP(6))
        ON DUPLICATE KEY UPDATE cutoff = GREATEST(cutoff, VALUES(cutoff)), updated_at = VALUES(updated_at)
        """;

    private const string ReadAllSql = "SELECT `table_name` AS TableName, cutoff AS Cutoff FROM dd_retention_cutoff";

    /// <summary>Records that rows of <paramref name="live"/> before <paramref name="cutoff"/> are leaving it; call before moving any.</summary>
    internal static async Task RecordAsync(MySqlConnection connection, TelemetryTable live, DateTime cutoff, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(CreateSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(RecordSql, new { table = live.Name, cutoff }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The latest cutoff retention has applied to each live table it has reached, by table name; empty when it never ran.</summary>
    /// <remarks>Reads only (the API's account may not create tables): no table of cutoffs means retention never ran here.</remarks>
    internal static async Task<IReadOnlyDictionary<string, DateTime>> ReadAllAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await connection.QueryAsync<CutoffRow>(new CommandDefinition(ReadAllSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.ToDictionary(r => r.TableName, r => DateTime.SpecifyKind(r.Cutoff, DateTimeKind.Utc), StringComparer.Ordinal);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return new Dictionary<string, DateTime>();
        }
    }

    /// <summary>The cutoff <paramref name="cutoffs"/> (<see cref="ReadAllAsync"/>) hold for <paramref name="live"/>, or null when retention has moved none of its rows.</summary>
    internal static DateTime? For(this IReadOnlyDictionary<string, DateTime> cutoffs, TelemetryTable live) =>
        cutoffs.TryGetValue(live.Name, out var cutoff) ? cutoff : null;

    private sealed record CutoffRow(string TableName, DateTime Cutoff);
}
