using Perf.Bench.Plans;

namespace Perf.Tests.Bench;

public sealed class JsonPlanParserTests
{
    [Fact]
    public void Parse_MariaDbAnalyzePartitionedRange_ReadsAccessIndexPartitionsAndActualRows()
    {
        var plan = JsonPlanParser.Parse(PlanSamples.Read("mariadb-range-partitioned.analyze.json"));

        var table = Assert.Single(plan.Tables);
        Assert.Equal("dd_trade_performance", table.Table);
        Assert.Equal("range", table.AccessType);
        Assert.Equal("idx_trades_profile_time_id", table.Index);
        Assert.Equal(["profile_id", "entry_time"], table.KeyParts);
        Assert.Equal(["p2025_11", "p2025_12"], table.Partitions);
        Assert.Equal(39913, table.RowsEstimated);
        Assert.Equal(1000, table.RowsActual);
        Assert.Equal(1000, plan.RowsExamined);
        Assert.False(plan.Filesort);
        Assert.False(plan.TemporaryTable);
        Assert.NotNull(plan.TotalTimeMs);
    }

    [Fact]
    public void Parse_MariaDbExplain_HasEstimatesButNoActualRows()
    {
        var plan = JsonPlanParser.Parse(PlanSamples.Read("mariadb-range-partitioned.explain.json"));

        var table = Assert.Single(plan.Tables);
        Assert.Equal("range", table.AccessType);
        Assert.Equal(["p2025_11", "p2025_12"], table.Partitions);
        Assert.NotNull(table.RowsEstimated);
        Assert.Null(table.RowsActual);
        Assert.Null(plan.RowsExamined);
    }

    [Fact]
    public void Parse_MariaDbGroupBy_FindsTableInsideFilesortAndTemporaryTable()
    {
        var plan = JsonPlanParser.Parse(PlanSamples.Read("mariadb-groupby-filesort-temporary.analyze.json"));

        Assert.True(plan.Filesort);
        Assert.True(plan.TemporaryTable);
        var table = Assert.Single(plan.Tables);
        Assert.Equal("idx_trades_profile_time", table.Index);
        Assert.Equal(7577, plan.RowsExamined);
    }

    [Fact]
    public void Parse_MariaDbFullScan_IsAllWithFilesortAndEveryRowRead()
    {
        var plan = JsonPlanParser.Parse(PlanSamples.Read("mariadb-fullscan-filesort.analyze.json"));

        var table = Assert.Single(plan.Tables);
        Assert.Equal("ALL", table.AccessType);
        Assert.Null(table.Index);
        Assert.True(plan.Filesort);
        Assert.Equal(1_000_000, plan.RowsExamined);
    }

    [Fact]
    public void Parse_MySqlExplainPartitionedRange_ReadsRowsExaminedPerScanAndPartitions()
    {
        var plan = JsonPlanParser.Parse(PlanSamples.Read("mysql-range-partitioned.explain.json"));

        var table = Assert.Single(plan.Tables);
        Assert.Equal("range", table.AccessType);
        Assert.Equal("idx_trades_profile_time_id", table.Index);
        Assert.Equal(["profile_id", "entry_time"], table.KeyParts);
        Assert.Equal(["p2025_11", "p2025_12"], table.Partitions);
        Assert.Equal(4788, table.RowsEstimated);
        Assert.False(plan.Filesort);
        Assert.False(plan.TemporaryTable);
    }

    [Fact]
    public void Parse_MySqlExplainGroupBy_ReadsTemporaryFlag()
    {
        var plan = JsonPlanParser.Parse(PlanSamples.Read("mysql-groupby-temporary.explain.json"));

        Assert.True(plan.TemporaryTable);
        Assert.False(plan.Filesort);
        Assert.Equal("idx_trades_profile_time", Assert.Single(plan.Tables).Index);
    }

    [Fact]
    public void Parse_MySqlExplainFullScan_ReadsFilesortFlagAndAllAccess()
    {
        var plan = JsonPlanParser.Parse(PlanSamples.Read("mysql-fullscan-filesort.explain.json"));

        Assert.True(plan.Filesort);
        var table = Assert.Single(plan.Tables);
        Assert.Equal("ALL", table.AccessType);
        Assert.Equal(996520, table.RowsEstimated);
    }

    [Fact]
    public void Parse_NotAPlan_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => JsonPlanParser.Parse("{\"rows\": 1}"));
        Assert.Throws<FormatException>(() => JsonPlanParser.Parse("-> Table scan on t"));
    }
}
