using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Data.Schema;

/// <summary>The <c>CREATE TABLE</c> statements of each schema variant.</summary>
/// <remarks>
/// Times are <c>DATETIME(6)</c> in UTC. Partitioned tables carry the time column in their primary and unique keys,
/// as MySQL and MariaDB require of every unique key on a partitioned table.
/// </remarks>
public static class TelemetryDdl
{
    private const string TradeColumns = """
          `id` BIGINT NOT NULL AUTO_INCREMENT,
          `profile_id` INT NOT NULL,
          `symbol` VARCHAR(16) NOT NULL,
          `trade_type` VARCHAR(24) NOT NULL,
          `side` VARCHAR(5) NOT NULL,
          `entry_time` DATETIME(6) NOT NULL,
          `exit_time` DATETIME(6) NOT NULL,
          `entry_price` DECIMAL(18,6) NOT NULL,
          `exit_price` DECIMAL(18,6) NOT NULL,
          `quantity` DECIMAL(18,6) NOT NULL,
          `pnl` DECIMAL(18,6) NOT NULL,
          `pnl_percent` DECIMAL(12,6) NOT NULL,
          `exit_reason` VARCHAR(24) NOT NULL,
          `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        """;

    private const string MetricColumns = """
          `id` BIGINT NOT NULL AUTO_INCREMENT,
          `profile_id` INT NOT NULL,
          `metric_type` VARCHAR(32) NOT NULL,
          `metric_name` VARCHAR(96) NOT NULL,
          `window_type` VARCHAR(8) NOT NULL,
          `window_start` DATETIME(6) NOT NULL,
          `window_end` DATETIME(6) NOT NULL,
          `sample_count` BIGINT NOT NULL,
          `value_sum` DECIMAL(28,6) NOT NULL,
          `value_min` DECIMAL(18,6) NOT NULL,
          `value_max` DECIMAL(18,6) NOT NULL,
          `positive_count` BIGINT NOT NULL,
          `negative_count` BIGINT NOT NULL,
          `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        """;

    private const string HealthColumns = """
          `id` BIGINT NOT NULL AUTO_INCREMENT,
          `profile_id` INT NOT NULL,
          `script_name` VARCHAR(64) NOT NULL,
          `timestamp` DATETIME(6) NOT NULL,
          `status` VARCHAR(16) NOT NULL,
          `cpu_percent` DOUBLE NOT NULL,
          `memory_mb` DOUBLE NOT NULL,
          `latency_ms` DOUBLE NOT NULL,
          `error_count` INT NOT NULL,
          `message` VARCHAR(255) NULL,
        """;

    private const string TableOptions = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

    /// <summary>The statements that create a variant's live and archive tables, in order.</summary>
    /// <param name="variant">The variant.</param>
    /// <param name="partitions">The monthly partitions; required for <see cref="SchemaVariant.Partitioned"/>.</param>
    public static IReadOnlyList<string> CreateTables(SchemaVariant variant, PartitionPlan? partitions)
    {
        var partitioned = variant == SchemaVariant.Partitioned;
        if (partitioned && partitions is null)
        {
            throw new ArgumentNullException(nameof(partitions), "A partitioned schema needs a partition plan.");
        }

        var statements = new List<string>();
        foreach (var table in TelemetryTable.Live)
        {
            statements.Add(CreateTable(table, partitioned ? partitions : null));
        }

        foreach (var table in TelemetryTable.Live)
        {
            if (table.Archive is { } archive)
            {
                // Same shape (and partitions) as the live table, so months can move by EXCHANGE PARTITION.
                statements.Add($"CREATE TABLE IF NOT EXISTS `{archive.Name}` LIKE `{table.Name}`");
            }
        }

        return statements;
    }

    /// <summary>A stable hash of a variant's DDL, for provenance manifests.</summary>
    public static string Hash(SchemaVariant variant, PartitionPlan? partitions)
    {
        var text = string.Join(";\n", CreateTables(variant, partitions))
            + string.Join(";\n", TelemetryIndexes.For(variant).Select(i => $"{i.Table.Name}.{i.Name}({i.ColumnList})"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string CreateTable(TelemetryTable table, PartitionPlan? partitions)
    {
        var partitioned = partitions is not null;
        var time = $"`{table.TimeColumn}`";
        var (columns, keys) = table.Name switch
        {
            "dd_trade_performance" => (TradeColumns, new List<string>()),
            "dd_telemetry_metrics" => (MetricColumns, new List<string> { TelemetryIndexes.MetricsWindowKey.Definition }),
            "dd_system_health" => (HealthColumns, new List<string>()),
            _ => throw new ArgumentException($"No DDL for {table.Name}.", nameof(table)),
        };

        keys.Insert(0, partitioned ? $"PRIMARY KEY (`id`, {time})" : "PRIMARY KEY (`id`)");
        keys.AddRange(TelemetryIndexes.CreatedWithTables(partitioned ? SchemaVariant.Partitioned : SchemaVariant.Basic)
            .Where(i => i.Table == table).Select(i => i.Definition));

        var body = columns + "\n  " + string.Join(",\n  ", keys);
        var ddl = $"CREATE TABLE IF NOT EXISTS `{table.Name}` (\n{body}\n) {TableOptions}";
        return partitioned ? ddl + "\n" + partitions!.ToClause(table.TimeColumn) : ddl;
    }
}
