using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Api;

/// <summary>Every bad parameter gets a 400 with RFC 7807 problem details naming it; never a 500, never a query.</summary>
public sealed class ApiBadInputTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/trades/abc", "profile_id")]
    [InlineData("/api/trades/0", "profile_id")]
    [InlineData("/api/trades/-5/summary", "profile_id")]
    [InlineData("/api/trades/99999999999", "profile_id")]
    [InlineData("/api/trades/1?start_time=yesterday", "start_time")]
    [InlineData("/api/trades/1?end_time=2025-02-30", "end_time")]
    [InlineData("/api/trades/1?start_time=2024-01-01&end_time=2025-06-01", "start_time")]
    [InlineData("/api/trades/1?start_time=2025-06-01&end_time=2025-05-01", "start_time")]
    [InlineData("/api/trades/1?limit=0", "limit")]
    [InlineData("/api/trades/1?limit=10001", "limit")]
    [InlineData("/api/trades/1?limit=ten", "limit")]
    [InlineData("/api/trades/1?offset=-1", "offset")]
    [InlineData("/api/trades/1?offset=100000000000", "offset")]
    [InlineData("/api/trades/1?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/trades/1?cursor=%F0%9F%92%A5", "cursor")]
    [InlineData("/api/trades/1?symbol=AAPL%27%20OR%201%3D1", "symbol")]
    [InlineData("/api/trades/1?symbol=AVERYLONGSYMBOLNAME", "symbol")]
    [InlineData("/api/trades/1?trade_type=yolo", "trade_type")]
    [InlineData("/api/trades/1?exit_reason=panic", "exit_reason")]
    [InlineData("/api/trades/1?limit=5&limit=6", "limit")]
    [InlineData("/api/trades/1?limt=5", "limt")]
    [InlineData("/api/trades/1?startTime=2024-01-01", "startTime")]
    [InlineData("/api/trades/1/summary?end_time=1969-12-31", "end_time")]
    [InlineData("/api/metrics/1?window_type=yearly", "window_type")]
    [InlineData("/api/metrics/1?metric_name=%3Cscript%3E", "metric_name")]
    [InlineData("/api/metrics/x", "profile_id")]
    [InlineData("/api/health/1", "script")]
    [InlineData("/api/health/1?script=a%20b", "script")]
    [InlineData("/api/health/1?script=ok&start_time=2020-01-01&end_time=2021-06-01", "start_time")]
    // A trailing newline passed .NET's $ anchor: a 200 with nothing found instead of a 400.
    [InlineData("/api/trades/1?symbol=AAPL%0A", "symbol")]
    [InlineData("/api/metrics/1?metric_name=pnl%0A", "metric_name")]
    [InlineData("/api/health/1?script=breakout_scanner%0A", "script")]
    // An empty value is not the default; a non-ISO date is not read in US order; start_time alone runs to now.
    [InlineData("/api/trades/1?limit=", "limit")]
    [InlineData("/api/trades/1?symbol=", "symbol")]
    [InlineData("/api/trades/1?start_time=01/02/2024", "start_time")]
    [InlineData("/api/trades/1?start_time=2020-01-01", "start_time")]
    [InlineData("/api/trades/1?start_time=2999-01-01", "start_time")]
    // The former names are aliases: errors in them name the document's parameter, and a name given with its alias is an error.
    [InlineData("/api/trades/1?start=yesterday", "start_time")]
    [InlineData("/api/trades/1?tradeType=yolo", "trade_type")]
    [InlineData("/api/trades/1?start=2024-01-01&start_time=2024-01-02", "start_time")]
    [InlineData("/api/trades/1?end_time=2024-01-02&end=2024-01-02", "end_time")]
    [InlineData("/api/metrics/1?windowType=daily&window_type=daily", "window_type")]
    public async Task BadParameter_Returns400ProblemNamingIt(string url, string parameter) => await AssertProblemNamingAsync(url, parameter, accept: null);

    /// <summary>Past the cap the 400 tells how to go deeper: trades by cursor; metrics and health have none and said they had.</summary>
    [Theory]
    [InlineData("/api/trades/1?offset=100001", "next_cursor")]
    [InlineData("/api/metrics/1?offset=100001", "narrow start_time and end_time")]
    [InlineData("/api/health/1?script=breakout_scanner&offset=100001", "narrow start_time and end_time")]
    public async Task Offset_PastTheCap_Returns400TellingTheEndpointsWayDeeper(string url, string hint)
    {
        server.RequireServer();
        var problem = await AssertProblemNamingAsync(url, "offset", accept: null);
        var detail = problem.GetProperty("detail").GetString();

        Assert.Contains(hint, detail, StringComparison.Ordinal);
        Assert.Equal(url.StartsWith("/api/trades/", StringComparison.Ordinal), detail!.Contains("next_cursor", StringComparison.Ordinal));
    }

    /// <summary>A cursor used to continue another query from the middle: another profile's, symbol's or range's page came back.</summary>
    [Theory]
    [InlineData("/api/trades/2?symbol=MSFT&start_time=2025-10-01&end_time=2025-11-01")]
    [InlineData("/api/trades/2?symbol=AAPL&start_time=2025-10-01&end_time=2025-11-01")]
    [InlineData("/api/trades/1?symbol=MSFT&start_time=2025-10-01&end_time=2025-11-01")]
    [InlineData("/api/trades/1?start_time=2025-10-01&end_time=2025-11-01")]
    [InlineData("/api/trades/1?symbol=AAPL&exit_reason=stop_loss&start_time=2025-10-01&end_time=2025-11-01")]
    [InlineData("/api/trades/1?symbol=AAPL&start_time=2025-10-02&end_time=2025-11-01")]
    [InlineData("/api/trades/1?symbol=AAPL&end_time=2025-11-02")]
    public async Task Cursor_OfAnotherQuery_Returns400ProblemNamingCursor(string url)
    {
        server.RequireServer();
        using var first = await api.Client.GetAsync("/api/trades/1?symbol=AAPL&start_time=2025-10-01&end_time=2025-11-01&limit=5", TestContext.Current.CancellationToken);
        var cursor = JsonDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("next_cursor").GetString();
        Assert.NotNull(cursor);

        await AssertProblemNamingAsync($"{url}&cursor={cursor}", "cursor", accept: null);
    }

    /// <summary>
    /// A cursor is not signed: one built by hand, its fingerprint computed as the server computes it, carried a range in year
    /// 9500 past the 1970–9000 check start_time and end_time get (a cursor's range stands in for them), and was answered 200.
    /// </summary>
    [Fact]
    public async Task Cursor_BuiltByHandWithARangePastTheYearBounds_Returns400ProblemNamingCursor()
    {
        var start = new DateTime(9500, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddDays(7);
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"1|{start.Ticks}|{end.Ticks}|-1|-1|-1")));
        var token = new byte[41];
        token[0] = 2;
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1), start.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(9), end.Ticks);
        fingerprint.AsSpan(0, 8).CopyTo(token.AsSpan(17));
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(25), end.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(33), 1);

        await AssertProblemNamingAsync("/api/trades/1?cursor=" + Base64Url.EncodeToString(token), "cursor", accept: null);
    }

    /// <summary>An Accept header naming no JSON type got a 400 with no body at all.</summary>
    [Theory]
    [InlineData("/api/trades/1?limit=0", "limit", "application/xml")]
    [InlineData("/api/metrics/1?window_type=yearly", "window_type", "text/html")]
    public async Task BadParameter_AcceptNamesNoJson_StillA400ProblemNamingIt(string url, string parameter, string accept) => await AssertProblemNamingAsync(url, parameter, accept);

    private async Task<JsonElement> AssertProblemNamingAsync(string url, string parameter, string? accept)
    {
        server.RequireServer();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem.Clone();
    }
}
