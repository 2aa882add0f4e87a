namespace Telemetry.Data.Schema;

/// <summary>The indexes of each schema variant, named as in the optimization strategy.</summary>
public static class TelemetryIndexes
{
    /// <summary>The window's identity in <c>dd_telemetry_metrics</c>: the upsert key of the rollups (it already holds the time column, so it stays valid on partitioned tables).</summary>
    public static IndexDefinition MetricsWindowKey { get; } =
        new(TelemetryTable.Metrics, "uk_metrics_window", ["profile_id", "metric_type", "metric_name", "window_type", "window_start"], Unique: true);

    /// <summary>Created with the tables at initialization (the backend's "basic indexes").</summary>
    public static IReadOnlyList<IndexDefinition> Basic { get; } =
    [
        new(TelemetryTable.Trades, "idx_trades_profile_time", ["profile_id", "entry_time"]),
        new(TelemetryTable.Trades, "idx_trades_symbol_time", ["symbol", "entry_time"]),
        new(TelemetryTable.Metrics, "idx_metrics_profile_type_name", ["profile_id", "metric_type", "metric_name"]),
        new(TelemetryTable.Metrics, "idx_metrics_window_range", ["window_start", "window_end"]),
        new(TelemetryTable.Health, "idx_health_profile_script_time", ["profile_id", "script_name", "timestamp"]),
    ];

    /// <summary>Every index of the strategy's migration; those already covered by <see cref="Basic"/> are skipped by it.</summary>
    public static IReadOnlyList<IndexDefinition> Composite { get; } =
    [
        new(TelemetryTable.Metrics, "idx_metrics_profile_window", ["profile_id", "window_type", "window_start", "window_end"]),
        new(TelemetryTable.Metrics, "idx_metrics_type_name", ["metric_type", "metric_name"]),
        new(TelemetryTable.Metrics, "idx_metrics_window_range", ["window_start", "window_end"]),
        new(TelemetryTable.Trades, "idx_trades_profile_time", ["profile_id", "entry_time"]),
        new(TelemetryTable.Trades, "idx_trades_symbol_time", ["symbol", "entry_time"]),
        new(TelemetryTable.Trades, "idx_trades_type_time", ["trade_type", "entry_time"]),
        new(TelemetryTable.Trades, "idx_trades_exit_reason", ["exit_reason"]),
        new(TelemetryTable.Health, "idx_health_profile_script_time", ["profile_id", "script_name", "timestamp"]),
    ];

    /// <summary>Added on partitioned tables only.</summary>
    /// <remarks>
    /// With the primary key widened to (id, entry_time), MariaDB no longer extends the secondary index with the
    /// key for ordering, and keyset paging falls back to a filesort unless the tie-breaker is explicit.
    /// The two-column idx_trades_profile_time stays beside it on purpose: with only the three-column index, MariaDB
    /// 10.11 costs a <c>ref</c> on profile_id below the range and a deep keyset page on 10M rows read 10,100 rows
    /// instead of 100 (bench plans); with both, the ORDER BY ... LIMIT check switches to a range on this one.
    /// </remarks>
    public static IReadOnlyList<IndexDefinition> PartitionedExtra { get; } =
    [
        new(TelemetryTable.Trades, "idx_trades_profile_time_id", ["profile_id", "entry_time", "id"]),
    ];

    /// <summary>The basic indexes as <c>CREATE TABLE</c> makes them for a variant (see <see cref="OnPartitionedTable"/>).</summary>
    public static IReadOnlyList<IndexDefinition> CreatedWithTables(SchemaVariant variant) =>
        variant == SchemaVariant.Partitioned ? [.. Basic.Select(OnPartitionedTable)] : Basic;

    /// <summary>The indexes a variant's live tables carry once built.</summary>
    public static IReadOnlyList<IndexDefinition> For(SchemaVariant variant) => variant switch
    {
        SchemaVariant.Basic => Basic,
        SchemaVariant.Composite => [.. Basic, .. Composite.Where(c => !Basic.Any(b => b.Name == c.Name))],
        SchemaVariant.Partitioned => [.. For(SchemaVariant.Composite).Select(OnPartitionedTable), .. PartitionedExtra],
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    /// <summary>An index as a partitioned table carries it: the health lookup ends with the <c>id</c> tie-breaker.</summary>
    /// <remarks>
    /// For the same reason as <see cref="PartitionedExtra"/>, <c>ORDER BY timestamp DESC, id DESC</c> filesorted every
    /// health page on the partitioned table; health has a single index for it, so that index carries the tie-breaker.
    /// </remarks>
    public static IndexDefinition OnPartitionedTable(IndexDefinition index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Name == "idx_health_profile_script_time"
            ? index with { Columns = [.. index.Columns, "id"] }
            : index;
    }
}
