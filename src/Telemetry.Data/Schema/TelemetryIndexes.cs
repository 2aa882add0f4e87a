namespace Telemetry.Data.Schema;

/// <summary>The indexes of each schema variant, named as in the optimization strategy.</summary>
public static class TelemetryIndexes
{
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
    /// </remarks>
    public static IReadOnlyList<IndexDefinition> PartitionedExtra { get; } =
    [
        new(TelemetryTable.Trades, "idx_trades_profile_time_id", ["profile_id", "entry_time", "id"]),
    ];

    /// <summary>The indexes a variant's live tables carry once built.</summary>
    public static IReadOnlyList<IndexDefinition> For(SchemaVariant variant) => variant switch
    {
        SchemaVariant.Basic => Basic,
        SchemaVariant.Composite => [.. Basic, .. Composite.Where(c => !Basic.Any(b => b.Name == c.Name))],
        SchemaVariant.Partitioned => [.. For(SchemaVariant.Composite), .. PartitionedExtra],
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };
}
