using Perf.Bench.Plans;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>Whose page reads a captured plan holds: the statement's own where the actual plan counts them, else the server's, which the analysis leaves out.</summary>
public sealed class PageReadsTests
{
    private static readonly (long Requests, long Reads) Before = (1_000_000, 500);
    private static readonly (long Requests, long Reads) After = (1_004_000, 503);

    [Fact]
    public void Of_MariaDbPlanWithEngineStats_StatementsOwnPageRequests()
    {
        var pages = PageReads.Of(PlanSamples.Read("mariadb-range-partitioned.analyze.json"), Before, After);

        Assert.Equal(new PageReads(2015, 3, PageScope.Statement), pages);
    }

    [Fact]
    public void Of_MySqlAnalyzeTree_ServerWideDeltaSaysSo()
    {
        var pages = PageReads.Of(PlanSamples.Read("mysql-range-limit.analyze.txt"), Before, After);

        Assert.Equal(new PageReads(4000, 3, PageScope.Server), pages);
    }

    [Fact]
    public void ToExactWork_ServerWidePages_NoPageCountsToCompare()
    {
        var work = Plan(new PageReads(4000, 3, PageScope.Server)).ToExactWork();

        Assert.Null(work.LogicalReads);
        Assert.Null(work.PhysicalReads);
        Assert.Equal(1000, work.RowsExamined);
    }

    [Fact]
    public void ToExactWork_StatementsOwnPages_Kept()
    {
        var work = Plan(new PageReads(2015, 3, PageScope.Statement)).ToExactWork();

        Assert.Equal((2015L, 3L), (work.LogicalReads, work.PhysicalReads));
    }

    private static PlanResult Plan(PageReads pages) =>
        new("trades_page/hot/7d", SchemaVariant.Composite, "range", "idx_trades_profile_time", ["profile_id", "entry_time"], [], false, false,
            1000, 1000, 1000, new HandlerReads(0, 1, 0, 999, 0, 0, 0), 1.0, "SELECT 1", "", "{}", "{}")
        { Pages = pages };
}
