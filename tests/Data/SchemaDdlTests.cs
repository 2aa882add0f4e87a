using Telemetry.Data.Schema;

namespace Perf.Tests.Data;

public sealed class SchemaDdlTests
{
    private static readonly PartitionPlan Plan = new(new DateOnly(2024, 11, 1), new DateOnly(2025, 2, 1));

    [Fact]
    public void PartitionPlan_Clause_MonthlyRangeColumnsWithEmptyEnds()
    {
        var clause = Plan.ToClause("entry_time");
        Assert.StartsWith("PARTITION BY RANGE COLUMNS(`entry_time`)", clause, StringComparison.Ordinal);
        Assert.Contains("PARTITION p_before VALUES LESS THAN ('2024-11-01 00:00:00')", clause, StringComparison.Ordinal);
        Assert.Contains("PARTITION p2024_12 VALUES LESS THAN ('2025-01-01 00:00:00')", clause, StringComparison.Ordinal);
        Assert.Contains("PARTITION p2025_02 VALUES LESS THAN ('2025-03-01 00:00:00')", clause, StringComparison.Ordinal);
        Assert.EndsWith("PARTITION p_future VALUES LESS THAN (MAXVALUE)\n)", clause, StringComparison.Ordinal);
        Assert.Equal(4, Plan.Months.Count());
    }

    [Fact]
    public void PartitionPlan_LastBeforeFirst_Rejected() =>
        Assert.Throws<ArgumentException>(() => new PartitionPlan(new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 1)));

    [Fact]
    public void CreateTables_Partitioned_PrimaryKeysHoldTheTimeColumn()
    {
        var ddl = TelemetryDdl.CreateTables(SchemaVariant.Partitioned, Plan);
        Assert.Contains(ddl, s => s.Contains("`dd_trade_performance`", StringComparison.Ordinal) && s.Contains("PRIMARY KEY (`id`, `entry_time`)", StringComparison.Ordinal));
        Assert.Contains(ddl, s => s.Contains("`dd_system_health`", StringComparison.Ordinal) && s.Contains("PRIMARY KEY (`id`, `timestamp`)", StringComparison.Ordinal));
        Assert.DoesNotContain(ddl, s => s.Contains("UNIX_TIMESTAMP", StringComparison.Ordinal));
    }

    [Fact]
    public void CreateTables_PartitionedWithoutPlan_Rejected() =>
        Assert.Throws<ArgumentNullException>(() => TelemetryDdl.CreateTables(SchemaVariant.Partitioned, null));

    [Fact]
    public void Indexes_Composite_AddsTheStrategyIndexesWithoutDuplicates()
    {
        var composite = TelemetryIndexes.For(SchemaVariant.Composite);
        Assert.Contains(composite, i => i.Name == "idx_metrics_profile_window");
        Assert.Contains(composite, i => i.Name == "idx_trades_type_time");
        Assert.Contains(composite, i => i.Name == "idx_trades_exit_reason");
        Assert.Equal(composite.Count, composite.Select(i => (i.Table, string.Join(",", i.Columns))).Distinct().Count());
        Assert.DoesNotContain(TelemetryIndexes.Basic, i => i.Name == "idx_trades_type_time");
    }

    [Fact]
    public void Indexes_Partitioned_NewestFirstLookupsHaveTheIdTieBreaker()
    {
        var partitioned = TelemetryIndexes.For(SchemaVariant.Partitioned);
        Assert.Equal(["profile_id", "entry_time"], partitioned.Single(i => i.Name == "idx_trades_profile_time").Columns);
        Assert.Equal(["profile_id", "entry_time", "id"], partitioned.Single(i => i.Name == "idx_trades_profile_time_id").Columns);
        Assert.Equal(["profile_id", "script_name", "timestamp", "id"], partitioned.Single(i => i.Name == "idx_health_profile_script_time").Columns);
        Assert.Contains(TelemetryDdl.CreateTables(SchemaVariant.Partitioned, Plan), s => s.Contains("KEY `idx_health_profile_script_time` (`profile_id`, `script_name`, `timestamp`, `id`)", StringComparison.Ordinal));
        Assert.Contains(TelemetryDdl.CreateTables(SchemaVariant.Composite, null), s => s.Contains("KEY `idx_health_profile_script_time` (`profile_id`, `script_name`, `timestamp`)", StringComparison.Ordinal));
    }

    [Fact]
    public void Hash_DiffersPerVariantAndIsStable()
    {
        var hashes = Enum.GetValues<SchemaVariant>().Select(v => TelemetryDdl.Hash(v, Plan)).ToList();
        Assert.Equal(3, hashes.Distinct().Count());
        Assert.Equal(hashes[0], TelemetryDdl.Hash(SchemaVariant.Basic, Plan));
        // Stable across processes and machines, not only within this one: stored timing baselines compare it with a
        // later run's. A change to the schema changes it on purpose (store those baselines again).
        Assert.Equal("252efd7fd2104597", hashes[0]);
    }

    [Fact]
    public void VariantDatabase_Name_AllowListedPrefixOnly()
    {
        Assert.Equal("telemetry_partitioned", VariantDatabase.Name("telemetry", SchemaVariant.Partitioned));
        Assert.Throws<ArgumentException>(() => VariantDatabase.Name("x; DROP DATABASE y", SchemaVariant.Basic));
    }
}
