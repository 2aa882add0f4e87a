using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Model;

namespace Perf.Tests.Api;

/// <summary>The four endpoints over real HTTP return exactly what direct SQL over the same rows returns.</summary>
public sealed class ApiQueryTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string Start = Iso(TestTrades.Origin.AddDays(20));
    private static readonly string End = Iso(TestTrades.Origin.AddDays(50));
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trades_FirstPage_EqualsDirectSql()
    {
        server.RequireServer();
        var body = await GetJsonAsync($"/api/trades/2?start_time={Start}&end_time={End}&limit=100");
        Assert.Equal("raw", body.GetProperty("granularity").GetString());
        var apiTrades = body.GetProperty("trades").Deserialize<List<Trade>>(JsonOptions)!;

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var sqlTrades = (await connection.QueryAsync<Trade>("""
            SELECT id AS Id, profile_id AS ProfileId, symbol AS Symbol, trade_type AS TradeType, side AS Side, entry_time AS EntryTime,
                   exit_time AS ExitTime, entry_price AS EntryPrice, exit_price AS ExitPrice, quantity AS Quantity, pnl AS Pnl,
                   pnl_percent AS PnlPercent, exit_reason AS ExitReason
            FROM dd_trade_performance WHERE profile_id = 2 AND entry_time BETWEEN @s AND @e ORDER BY entry_time DESC, id DESC LIMIT 100
            """, new { s = TestTrades.Origin.AddDays(20), e = TestTrades.Origin.AddDays(50) })).ToList();
        Assert.Equal(100, sqlTrades.Count);
        Assert.Equal(sqlTrades, apiTrades);
    }

    [Fact]
    public async Task Trades_CursorWalk_EqualsOffsetWalkAndEveryRowOnce()
    {
        server.RequireServer();
        var byCursor = new List<long>();
        string? cursor = null;
        do
        {
            var body = await GetJsonAsync($"/api/trades/1?start_time={Start}&end_time={End}&limit=70" + (cursor is null ? "" : "&cursor=" + cursor));
            byCursor.AddRange(body.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
            cursor = body.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        var byOffset = new List<long>();
        for (var offset = 0; ; offset += 70)
        {
            var page = (await GetJsonAsync($"/api/trades/1?start_time={Start}&end_time={End}&limit=70&offset={offset}")).GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
            byOffset.AddRange(page);
            if (page.Count < 70)
            {
                break;
            }
        }

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var count = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM dd_trade_performance WHERE profile_id = 1 AND entry_time BETWEEN @s AND @e",
            new { s = TestTrades.Origin.AddDays(20), e = TestTrades.Origin.AddDays(50) });
        Assert.True(count > 140, "The walk should span several pages.");
        Assert.Equal(count, byCursor.Count);
        Assert.Equal(byCursor.Count, byCursor.Distinct().Count());
        Assert.Equal(byOffset, byCursor);
    }

    /// <summary>
    /// Without start_time every page resolved its own "now": followed later, the range started later too, and the trades
    /// between the first page's start and the later one's were never returned (none repeated: the seek stops above).
    /// </summary>
    [Fact]
    public async Task Trades_CursorFollowedAfterNowMoved_ReturnsEveryTradeOfTheFirstPagesRange()
    {
        server.RequireServer();
        var now = TestTrades.Origin.AddDays(100);
        var clock = new TestClock(new DateTimeOffset(now));
        await using var host = await api.StartApiAsync(clock);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var first = await GetJsonAsync("/api/trades/1?limit=20", client);
        var ids = first.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        var cursor = first.GetProperty("next_cursor").GetString();
        // A day on, so that the rows a range recomputed from the later "now" leaves out are many, not a chance few.
        clock.Now = clock.Now.AddDays(1);
        while (cursor is not null)
        {
            var page = await GetJsonAsync("/api/trades/1?limit=20&cursor=" + cursor, client);
            Assert.Equal(first.GetProperty("range").GetRawText(), page.GetProperty("range").GetRawText());
            ids.AddRange(page.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("next_cursor").GetString();
        }

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var expected = (await connection.QueryAsync<long>(
            "SELECT id FROM dd_trade_performance WHERE profile_id = 1 AND entry_time BETWEEN @s AND @e ORDER BY entry_time DESC, id DESC",
            new { s = now.AddDays(-7), e = now })).ToList();
        Assert.True(expected.Count > 40, "The walk should span several pages.");
        Assert.Equal(expected, ids);
    }

    /// <summary>
    /// "Now" was rounded down to the 5 s step a missing end_time snaps to, so at 12:00:04 a start_time of 12:00:02 fell after
    /// the range's end (12:00:00) and was refused as "not in the past". It is rounded up: the range ends at 12:00:05.
    /// </summary>
    [Theory]
    [InlineData("/api/trades/1?start_time={0}")]
    [InlineData("/api/trades/1/summary?start_time={0}")]
    [InlineData("/api/metrics/1?window_type=hourly&start_time={0}")]
    [InlineData("/api/health/1?script=order_router&start_time={0}")]
    public async Task StartTimeSecondsAgo_WithoutEndTime_AnsweredToTheNextStep(string template)
    {
        server.RequireServer();
        var noon = TestTrades.Origin.AddDays(100).AddHours(12);
        await using var host = await api.StartApiAsync(new TestClock(new DateTimeOffset(noon.AddSeconds(4))));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var body = await GetJsonAsync(string.Format(CultureInfo.InvariantCulture, template, Iso(noon.AddSeconds(2))), client);

        Assert.Equal(noon.AddSeconds(5), body.GetProperty("range").GetProperty("end").GetDateTime().ToUniversalTime());
    }

    /// <summary>A cursor keeps its first page's range, so a client may pass it with the filters alone.</summary>
    [Fact]
    public async Task Trades_CursorWithoutTheDateRange_ContinuesTheFirstPagesRange()
    {
        server.RequireServer();
        var first = await GetJsonAsync($"/api/trades/3?symbol=AAPL&start_time={Start}&end_time={End}&limit=10");
        var cursor = first.GetProperty("next_cursor").GetString();

        var withRange = await GetJsonAsync($"/api/trades/3?symbol=AAPL&start_time={Start}&end_time={End}&limit=10&cursor={cursor}");
        var withoutRange = await GetJsonAsync($"/api/trades/3?symbol=AAPL&limit=10&cursor={cursor}");

        Assert.Equal(10, withRange.GetProperty("trades").GetArrayLength());
        Assert.Equal(withRange.GetRawText(), withoutRange.GetRawText());
    }

    [Fact]
    public async Task Summary_EqualsDirectSqlAggregation()
    {
        server.RequireServer();
        var body = await GetJsonAsync($"/api/trades/3/summary?start_time={Start}&end_time={End}");
        Assert.Equal("raw", body.GetProperty("source").GetString());

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var bySymbol = (await connection.QueryAsync<(string Symbol, long Trades, decimal Wins, decimal Sum, decimal Min)>("""
            SELECT symbol, COUNT(*), SUM(pnl > 0), SUM(pnl), MIN(pnl) FROM dd_trade_performance
            WHERE profile_id = 3 AND entry_time BETWEEN @s AND @e GROUP BY symbol
            """, new { s = TestTrades.Origin.AddDays(20), e = TestTrades.Origin.AddDays(50) })).ToList();
        // Over no rows the sums below would be 0 = 0: the window must hold trades in several symbols, each one in the answer.
        Assert.True(bySymbol.Count >= 2, $"the window holds trades in {bySymbol.Count} symbols");
        Assert.Equal(bySymbol.Select(r => r.Symbol).Order(StringComparer.Ordinal), body.GetProperty("by_symbol").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(bySymbol.Sum(r => r.Trades), body.GetProperty("total").GetProperty("trades").GetInt64());
        Assert.Equal(bySymbol.Sum(r => r.Sum), body.GetProperty("total").GetProperty("pnl_sum").GetDecimal());
        foreach (var row in bySymbol)
        {
            var stats = body.GetProperty("by_symbol").GetProperty(row.Symbol);
            Assert.Equal(row.Trades, stats.GetProperty("trades").GetInt64());
            Assert.Equal((long)row.Wins, stats.GetProperty("wins").GetInt64());
            Assert.Equal(row.Sum, stats.GetProperty("pnl_sum").GetDecimal());
            Assert.Equal(row.Min, stats.GetProperty("pnl_min").GetDecimal());
        }
    }

    [Fact]
    public async Task Summary_OverNinetyDays_FromAggregatesEqualsRawSql()
    {
        server.RequireServer();
        var start = TestTrades.Origin.AddDays(5);
        var end = TestTrades.Origin.AddDays(150);
        var body = await GetJsonAsync($"/api/trades/1/summary?start_time={Iso(start)}&end_time={Iso(end)}");
        Assert.Equal("daily_aggregates", body.GetProperty("source").GetString());

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var raw = await connection.QuerySingleAsync<(long Trades, decimal Sum, decimal Max)>(
            "SELECT COUNT(*), SUM(pnl), MAX(pnl) FROM dd_trade_performance WHERE profile_id = 1 AND entry_time >= @s AND entry_time < @e",
            new { s = start, e = end });
        var total = body.GetProperty("total");
        Assert.Equal(raw.Trades, total.GetProperty("trades").GetInt64());
        Assert.Equal(raw.Sum, total.GetProperty("pnl_sum").GetDecimal());
        Assert.Equal(raw.Max, total.GetProperty("pnl_max").GetDecimal());
    }

    [Fact]
    public async Task Metrics_EqualDirectSql()
    {
        server.RequireServer();
        var body = await GetJsonAsync($"/api/metrics/2?window_type=weekly&metric_type=trade_pnl&metric_name=symbol:NVDA&start_time={Iso(TestTrades.Origin)}&end_time={Iso(TestTrades.Origin.AddDays(180))}");
        var fromApi = body.GetProperty("metrics").EnumerateArray().Select(m => (m.GetProperty("window_start").GetDateTime(), m.GetProperty("sample_count").GetInt64(), m.GetProperty("value_sum").GetDecimal())).ToList();

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var weeks = (await connection.QueryAsync<(DateTime Week, long Count, decimal Sum)>("""
            SELECT CAST(DATE(entry_time) - INTERVAL WEEKDAY(entry_time) DAY AS DATETIME) AS wk, COUNT(*), SUM(pnl)
            FROM dd_trade_performance WHERE profile_id = 2 AND symbol = 'NVDA' GROUP BY wk HAVING wk <= @e ORDER BY wk DESC
            """, new { e = TestTrades.Origin.AddDays(180) })).ToList();
        Assert.NotEmpty(weeks);
        Assert.Equal(weeks.Select(w => (w.Week, w.Count, w.Sum)), fromApi);
    }

    [Fact]
    public async Task Metrics_RangeStartingInsideAWindow_HoldsThatWindow()
    {
        // Mid-September to mid-October: September's monthly window began before the range and overlaps it (the default 30
        // days, monthly, on the 31st found no window at all).
        server.RequireServer();
        var body = await GetJsonAsync($"/api/metrics/2?window_type=monthly&metric_type=trade_pnl&metric_name=symbol:NVDA&start_time={Iso(TestTrades.Origin.AddDays(15))}&end_time={Iso(TestTrades.Origin.AddDays(45))}");

        var starts = body.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("window_start").GetDateTime()).ToList();

        Assert.Equal([new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc)], starts);
    }

    [Fact]
    public async Task Health_EqualsDirectSql()
    {
        server.RequireServer();
        var body = await GetJsonAsync($"/api/health/2?script=breakout_scanner&start_time={Iso(TestTrades.Origin)}&end_time={Iso(TestTrades.Origin.AddDays(3))}&limit=500");
        var apiIds = body.GetProperty("samples").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var sqlIds = (await connection.QueryAsync<long>(
            "SELECT id FROM dd_system_health WHERE profile_id = 2 AND script_name = 'breakout_scanner' AND `timestamp` BETWEEN @s AND @e ORDER BY `timestamp` DESC",
            new { s = TestTrades.Origin, e = TestTrades.Origin.AddDays(3) })).ToList();
        Assert.Equal(145, sqlIds.Count);
        Assert.Equal(sqlIds, apiIds);
    }

    [Fact]
    public async Task Trades_OverNinetyDays_DailyBucketsEqualRawSql()
    {
        server.RequireServer();
        var start = TestTrades.Origin;
        var end = TestTrades.Origin.AddDays(120);
        var body = await GetJsonAsync($"/api/trades/1?start_time={Iso(start)}&end_time={Iso(end)}&exit_reason=stop_loss&limit=500");
        Assert.Equal("daily", body.GetProperty("granularity").GetString());
        var buckets = body.GetProperty("buckets").EnumerateArray().Select(b => (b.GetProperty("window_start").GetDateTime(), b.GetProperty("trades").GetInt64(), b.GetProperty("pnl_sum").GetDecimal())).ToList();

        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var days = (await connection.QueryAsync<(DateTime Day, long Count, decimal Sum)>("""
            SELECT CAST(DATE(entry_time) AS DATETIME) AS d, COUNT(*), SUM(pnl) FROM dd_trade_performance
            WHERE profile_id = 1 AND exit_reason = 'stop_loss' AND entry_time >= @s AND entry_time < @e GROUP BY d ORDER BY d DESC
            """, new { s = start, e = end })).ToList();
        Assert.NotEmpty(days);
        Assert.Equal(days.Select(d => (d.Day, d.Count, d.Sum)), buckets);
    }

    [Fact]
    public async Task RepeatedRequest_IsServedFromCache()
    {
        server.RequireServer();
        var url = $"/api/trades/2/summary?start_time={Iso(TestTrades.Origin.AddDays(60))}&end_time={Iso(TestTrades.Origin.AddDays(61))}";
        var first = await api.Client.GetStringAsync(url, Ct);
        var hitsBefore = await MetricsScrape.CacheLookupsAsync(api.Client, "trades_summary", "hit");
        var second = await api.Client.GetStringAsync(url, Ct);
        Assert.Equal(first, second);
        Assert.Equal(hitsBefore + 1, await MetricsScrape.CacheLookupsAsync(api.Client, "trades_summary", "hit"));
    }

    [Fact]
    public async Task Liveness_Readiness_OpenApi_Answer()
    {
        server.RequireServer();
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/healthz", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/readyz", Ct)).StatusCode);
        var openApi = await api.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/trades/{profile_id}", "/api/trades/{profile_id}/summary", "/api/metrics/{profile_id}", "/api/health/{profile_id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string Iso(DateTime instant) => instant.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private async Task<JsonElement> GetJsonAsync(string url, HttpClient? client = null)
    {
        using var response = await (client ?? api.Client).GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
