using Perf.Bench.Plans;

namespace Perf.Tests.Bench;

public sealed class AnalyzeTreeParserTests
{
    [Fact]
    public void Parse_RangeWithLimit_ReadsIndexActualRowsAndReturnedRows()
    {
        var plan = AnalyzeTreeParser.Parse(PlanSamples.Read("mysql-range-limit.analyze.txt"));

        var table = Assert.Single(plan.Tables);
        Assert.Equal("dd_trade_performance", table.Table);
        Assert.Equal("range", table.AccessType);
        Assert.Equal("idx_trades_profile_time_id", table.Index);
        Assert.Equal(4788, table.RowsEstimated);
        Assert.Equal(1000, table.RowsActual);
        Assert.Equal(1000, plan.RowsReturned);
        Assert.Equal(1000, plan.RowsExamined);
        Assert.Equal(3.21, plan.TotalTimeMs);
        Assert.False(plan.Filesort);
    }

    [Fact]
    public void Parse_GroupBy_IgnoresTheTemporaryTableScanAndFlagsTemporary()
    {
        var plan = AnalyzeTreeParser.Parse(PlanSamples.Read("mysql-groupby-temporary.analyze.txt"));

        Assert.True(plan.TemporaryTable);
        var table = Assert.Single(plan.Tables);
        Assert.Equal("idx_trades_profile_time", table.Index);
        Assert.Equal(7577, plan.RowsExamined);
        Assert.Equal(24, plan.RowsReturned);
    }

    [Fact]
    public void Parse_FullScanSort_ReadsExponentRowsAndFlagsFilesort()
    {
        var plan = AnalyzeTreeParser.Parse(PlanSamples.Read("mysql-fullscan-sort.analyze.txt"));

        Assert.True(plan.Filesort);
        var table = Assert.Single(plan.Tables);
        Assert.Equal("ALL", table.AccessType);
        Assert.Null(table.Index);
        Assert.Equal(1_000_000, plan.RowsExamined);
    }

    [Fact]
    public void Parse_NestedLoop_MultipliesRowsByLoopsAndCountsNeverExecutedAsZero()
    {
        var plan = AnalyzeTreeParser.Parse(PlanSamples.Read("mysql-nested-loop.analyze.txt"));

        Assert.Equal(3, plan.Tables.Count);
        Assert.Equal(("index", true), (plan.Tables[0].AccessType, plan.Tables[0].Covering));
        Assert.Equal(("eq_ref", "PRIMARY", 10.0), (plan.Tables[1].AccessType, plan.Tables[1].Index, plan.Tables[1].RowsActual!.Value));
        Assert.Equal(("ref", 0.0), (plan.Tables[2].AccessType, plan.Tables[2].RowsActual!.Value));
        Assert.Equal(20, plan.RowsExamined);
    }

    [Fact]
    public void Parse_NoIteratorLines_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => AnalyzeTreeParser.Parse("{\"query_block\": {}}"));
}
