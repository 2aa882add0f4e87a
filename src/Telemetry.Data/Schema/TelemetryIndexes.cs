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

    /// <summary>The basic indexes as <c>CREATE TABLE</c> makes them for a variant (see <see cref="OnPartitionedTable"/>).</summary>
    public static IReadOnlyList<IndexDefinition> CreatedWithTables(SchemaVariant variant) =>
        variant == SchemaVariant.Partitioned ? [.. Basic.Select(OnPartitionedTable)] : Basic;

    /// <summary>The indexes a variant's live tables carry once built.</summary>
    public static IReadOnlyList<IndexDefinition> For(SchemaVariant variant) => variant switch
    {
        SchemaVariant.Basic => Basic,
        SchemaVariant.Composite => [.. Basic, .. Composite.Where(c => !Basic.Any(b => b.Name == c.Name))],
        SchemaVariant.Partitioned => [.. For(SchemaVariant.Composite).Select(OnPartitionedTable)],
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    /// <summary>An index as a partitioned table carries it: the newest-first lookups end with the <c>id</c> tie-breaker.</summary>
    /// <remarks>
    /// With the primary key widened to (id, time), MariaDB no longer extends a secondary index with the key for
    /// ordering, so <c>ORDER BY time DESC, id DESC</c> (trade pages, keyset paging, health) filesorts unless the
    /// tie-breaker is in the index. A second index with it (the earlier <c>idx_trades_profile_time_id</c>) left the
    /// optimizer a near-tie between the two, and it picked the filesorting one for small ranges; so the index itself
    /// carries the tie-breaker, under its usual name.
    /// </remarks>
    public static IndexDefinition OnPartitionedTable(IndexDefinition index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Name is "idx_trades_profile_time" or "idx_health_profile_script_time"
            ? index with { Columns = [.. index.Columns, "id"] }
            : index;
    }
}
