using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>Reads the partitions of a telemetry table from <c>information_schema</c>.</summary>
public static partial class PartitionCatalog
{
    private const string PartitionsSql = """
        SELECT PARTITION_NAME AS Name, PARTITION_DESCRIPTION AS Description, TABLE_ROWS AS EstimatedRows
        FROM information_schema.PARTITIONS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND PARTITION_NAME IS NOT NULL
        ORDER BY PARTITION_ORDINAL_POSITION
        """;

    /// <summary>The partitions of <paramref name="table"/> in range order; empty when the table is not partitioned.</summary>
    /// <exception cref="InvalidOperationException">A partition is not named or bounded the way <see cref="PartitionPlan"/> makes them.</exception>
    public static async Task<IReadOnlyList<TablePartition>> ReadAsync(MySqlConnection connection, TelemetryTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var rows = await connection.QueryAsync<(string Name, string Description, ulong? EstimatedRows)>(
            new CommandDefinition(PartitionsSql, new { table = table.Name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var partitions = new List<TablePartition>();
        DateTime? lower = null;
        foreach (var row in rows)
        {
            var upper = ParseBound(table, row.Name, row.Description);
            partitions.Add(new TablePartition(CanonicalName(table, row.Name, out var month), month, lower, upper, (long)(row.EstimatedRows ?? 0)));
            lower = upper;
        }

        return partitions;
    }

    /// <summary>The exact row count of one partition.</summary>
    public static Task<long> CountAsync(MySqlConnection connection, TelemetryTable table, TablePartition partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(partition);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM `{table.Name}` PARTITION (`{partition.Name}`)", commandTimeout: 0, cancellationToken: cancellationToken));
    }

    /// <summary>The partition name as <see cref="PartitionPlan"/> generates it, so only plan names reach SQL.</summary>
    private static string CanonicalName(TelemetryTable table, string name, out DateOnly? month)
    {
        month = null;
        if (name == PartitionPlan.BeforePartition || name == PartitionPlan.FuturePartition)
        {
            return name == PartitionPlan.BeforePartition ? PartitionPlan.BeforePartition : PartitionPlan.FuturePartition;
        }

        var match = MonthName().Match(name);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Partition '{name}' of {table.Name} is not named like PartitionPlan's (p_before, pYYYY_MM, p_future).");
        }

        var value = new DateOnly(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), 1);
        month = value;
        return PartitionPlan.PartitionName(value);
    }

    private static DateTime? ParseBound(TelemetryTable table, string name, string description)
    {
        var text = description.Trim().Trim('\'');
        if (text.Equals("MAXVALUE", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var bound)
            ? bound
            : throw new InvalidOperationException($"Partition '{name}' of {table.Name} has a bound '{description}' that is not a DATETIME literal.");
    }

    [GeneratedRegex(@"^p(\d{4})_(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthName();
}
