using Perf.Bench.Queries;
using Telemetry.Data.Queries;

namespace Perf.Tests.Bench;

public sealed class QueryCatalogTests
{
    /// <summary>A fixed context for catalog cases (also used by the sampler's tests).</summary>
    internal static readonly QueryContext Context = WithDeepCursor(new(
        7, 9, new DateTime(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990), "AAPL", "order_router", "risk_monitor", 500, null));

    [Fact]
    public void All_NamesAreUniqueAndStable()
    {
        var names = QueryCatalog.All(Context).Select(c => c.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(26, names.Count);
        Assert.Contains("trades_page/hot/7d", names);
        Assert.Contains("metrics/hourly", names);
        Assert.Equal("full_scan", names[^1]);
    }

    [Fact]
    public void TradePage_OneYear_IsAnsweredFromDailyAggregates()
    {
        var year = QueryCatalog.TradePage(Context, ProfileKind.Hot, QueryWindow.OneYear);
        var week = QueryCatalog.TradePage(Context, ProfileKind.Cold, QueryWindow.SevenDays);

        Assert.True(year.Query.UsesDailyAggregates);
        Assert.Contains("dd_telemetry_metrics", year.Command.CommandText, StringComparison.Ordinal);
        Assert.False(week.Query.UsesDailyAggregates);
        Assert.Equal(9, week.Query.ProfileId);
        Assert.Contains("dd_trade_performance", week.Command.CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepPage_OffsetAndKeyset_AskDifferently()
    {
        var offset = QueryCatalog.DeepPage(Context, PageKind.Offset);
        var keyset = QueryCatalog.DeepPage(Context, PageKind.Keyset);

        Assert.Equal((500, (TradeCursor?)null), (offset.Query.Offset, offset.Query.Cursor));
        Assert.Equal(0, keyset.Query.Offset);
        Assert.Equal(1234, keyset.Query.Cursor!.Id);
        Assert.Contains("entry_time < @cursorTime", keyset.Command.CommandText, StringComparison.Ordinal);
    }

    /// <summary>The cursor as discovery makes it: issued by the deep page's own query.</summary>
    private static QueryContext WithDeepCursor(QueryContext context) => context with
    {
        DeepCursor = TradeCursor.After(QueryCatalog.DeepPage(context, PageKind.Offset).Query, new DateTime(2025, 12, 20, 10, 0, 0, DateTimeKind.Utc), 1234).Encode(),
    };
}
