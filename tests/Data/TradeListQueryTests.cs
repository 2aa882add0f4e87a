using Telemetry.Data.Queries;

namespace Perf.Tests.Data;

public sealed class TradeListQueryTests
{
    private static readonly DateRange Week = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 8, 0, 0, 0, DateTimeKind.Utc));
    private static readonly DateRange HalfYear = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc));
    private static readonly TradeListQuery AaplWeek = TradeListQuery.Create(7, Week, new TradeFilter(Symbol: "AAPL"), 50, 0, null);

    [Fact]
    public void Cursor_RoundTrips()
    {
        var cursor = TradeCursor.After(AaplWeek, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1230), 987654321);
        var decoded = TradeCursor.Decode(cursor.Encode());

        Assert.Equal(cursor, decoded);
        Assert.Equal(Week, decoded.Range);
        Assert.Equal(TradeCursor.TokenLength, cursor.Encode().Length);
    }

    [Fact]
    public void Create_CursorOfTheSameQuery_Accepted()
    {
        var cursor = TradeCursor.After(AaplWeek, Week.End, 9);

        Assert.Equal(cursor, TradeListQuery.Create(7, Week, new TradeFilter(Symbol: "AAPL"), 10, 0, cursor).Cursor);
    }

    /// <summary>A cursor continued another query from the middle: another profile's, symbol's or range's page came back.</summary>
    [Fact]
    public void Create_CursorOfAnotherQuery_RejectedNamingCursor()
    {
        var cursor = TradeCursor.After(AaplWeek, Week.End, 9);
        TradeListQuery[] others =
        [
            AaplWeek with { ProfileId = 8 },
            AaplWeek with { Filter = new TradeFilter(Symbol: "MSFT") },
            AaplWeek with { Filter = TradeFilter.None },
            AaplWeek with { Filter = new TradeFilter("AAPL", "breakout") },
            AaplWeek with { Range = Week with { Start = Week.Start.AddTicks(10) } },
            AaplWeek with { Range = Week with { End = Week.End.AddDays(1) } },
        ];

        Assert.All(others, other => Assert.Equal(
            "cursor",
            Assert.Throws<QueryValidationException>(() => TradeListQuery.Create(other.ProfileId, other.Range, other.Filter, 10, 0, cursor)).Parameter));
    }

    [Theory]
    [InlineData("zzz")]
    [InlineData("!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Cursor_Malformed_NamesCursor(string token) =>
        Assert.Equal("cursor", Assert.Throws<QueryValidationException>(() => TradeCursor.Decode(token)).Parameter);

    [Fact]
    public void Create_OffsetAndCursor_Rejected()
    {
        var cursor = TradeCursor.After(AaplWeek, Week.End, 5);
        Assert.Equal("offset", Assert.Throws<QueryValidationException>(() => TradeListQuery.Create(7, Week, new TradeFilter(Symbol: "AAPL"), 10, 10, cursor)).Parameter);
    }

    [Fact]
    public void Create_WideRangeWithTwoFilters_Rejected() =>
        Assert.Throws<QueryValidationException>(() => TradeListQuery.Create(1, HalfYear, new TradeFilter("AAPL", "breakout"), 10, 0, null));

    [Fact]
    public void Create_WideRange_UsesDailyAggregates()
    {
        Assert.True(TradeListQuery.Create(1, HalfYear, new TradeFilter("AAPL"), 10, 0, null).UsesDailyAggregates);
        Assert.False(TradeListQuery.Create(1, Week, new TradeFilter("AAPL", "breakout", "stop_loss"), 10, 0, null).UsesDailyAggregates);
    }

    [Fact]
    public void BuildRawTradesCommand_Filters_AddOnlyTheirConditionsWithParameters()
    {
        var query = TradeListQuery.Create(7, Week, new TradeFilter(Symbol: "AAPL"), 50, 0, TradeCursor.After(AaplWeek, Week.End, 9));
        var sql = TradeQueries.BuildRawTradesCommand(query, TestContext.Current.CancellationToken).CommandText;
        Assert.Contains("symbol = @symbol", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("trade_type = @tradeType", sql, StringComparison.Ordinal);
        Assert.Contains("entry_time < @cursorTime OR (entry_time = @cursorTime AND id < @cursorId)", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT @limit", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("AAPL", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT *", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void TradeStats_Add_CombinesDecomposably()
    {
        var a = new TradeStats(2, 1, 1, 5m, -3m, 8m);
        var b = new TradeStats(3, 3, 0, 6m, 1m, 4m);
        Assert.Equal(new TradeStats(5, 4, 1, 11m, -3m, 8m), a.Add(b));
        Assert.Equal(a, TradeStats.Empty.Add(a));
        Assert.Equal(0.8, a.Add(b).WinRate, 6);
    }
}
