using System.Globalization;
using System.Net;
using System.Text.Json;
using Perf.Tests.Infrastructure;
using Perf.Tests.Lifecycle;
using Telemetry.Api;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Tests.Api;

/// <summary>
/// After <c>archive</c>, a range reaching before what it moved out of (or deleted from) the table an answer is read from came
/// back a 200 with fewer rows or none, saying nothing: trade lists and summaries of 90 days or less (raw trades), wider
/// ones (daily aggregates), metrics, health. It is refused instead; before any archive, the same range is answered from the
/// rows the table still holds.
/// </summary>
public sealed class ApiRetentionTests(DatabaseServerFixture server)
{
    // The API's clock is the archive's. Two months of the 200 days of test data are past the trades' 365 days; metric
    // windows and health samples are kept 400 days here, so their cutoff falls inside the health samples' 40 days too.
    private static readonly DateTime Now = TestTrades.Origin.AddDays(365 + 60);
    private static readonly RetentionPolicy Policy = RetentionPolicy.Default with { Metrics = new(400, RetentionUnit.Days), Health = new(400, RetentionUnit.Days) };
    private static readonly DateTime Cutoff = Policy.Trades.CutoffBefore(Now);
    private static readonly DateTime KeptCutoff = Policy.Metrics.CutoffBefore(Now);

    [Theory]
    [InlineData("/api/trades/1?start_time={0}&end_time={1}", "start_time")]
    [InlineData("/api/trades/1/summary?start_time={0}&end_time={1}", "start_time")]
    [InlineData("/api/trades/1?end_time={1}", "end_time")]
    public async Task TradesRange_ReachingIntoArchivedPeriod_Returns400NamingTheCutoff(string template, string parameter)
    {
        var (response, text) = await GetAfterArchiveAsync(template, HttpStatusCode.BadRequest, Iso(Cutoff.AddDays(-20)), Iso(Cutoff.AddDays(5)));

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains($"raw trades are kept from {Iso(Cutoff)}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/trades/1?start_time={0}&end_time={1}", "raw")]
    [InlineData("/api/trades/1/summary?start_time={0}&end_time={1}", "raw")]
    [InlineData("/api/trades/1/summary?start_time={2}&end_time={3}", "daily_aggregates")]
    public async Task TradesRange_FromTheCutoffOrOver90Days_IsAnswered(string template, string source)
    {
        var (_, text) = await GetAfterArchiveAsync(template, HttpStatusCode.OK, Iso(Cutoff), Iso(Cutoff.AddDays(30)), Iso(KeptCutoff), Iso(KeptCutoff.AddDays(100)));

        Assert.Contains($"\"{source}\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/trades/1/summary?start_time={0}&end_time={1}", "start_time", "ranges over 90 days are answered from daily aggregates, which are kept for days from {2}")]
    [InlineData("/api/trades/1?start_time={0}&end_time={1}", "start_time", "ranges over 90 days are answered from daily aggregates, which are kept for days from {2}")]
    [InlineData("/api/metrics/1?window_type=daily&start_time={0}&end_time={1}", "start_time", "daily windows are kept from those starting at {2}")]
    [InlineData("/api/metrics/1?window_type=monthly&start_time={2}&end_time={1}", "start_time", "monthly windows are kept from those starting at {2}")]
    [InlineData("/api/metrics/1?window_type=daily&end_time={3}", "end_time", "daily windows are kept from those starting at {2}")]
    [InlineData("/api/health/1?script=order_router&start_time={0}&end_time={1}", "start_time", "health samples are kept from {2}")]
    [InlineData("/api/health/1?script=order_router&end_time={3}", "end_time", "health samples are kept from {2}")]
    public async Task AggregateOrHealthRange_ReachingBeforeWhatRetentionRemoved_Returns400NamingTheCutoff(string template, string parameter, string detail)
    {
        // The monthly window holding the cutoff itself began before it, and archive moved it with the rest of that month.
        var instants = new[] { Iso(KeptCutoff.AddHours(-1)), Iso(KeptCutoff.AddDays(100)), Iso(KeptCutoff), Iso(KeptCutoff.AddDays(3)) };
        var (_, text) = await GetAfterArchiveAsync(template, HttpStatusCode.BadRequest, instants);

        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, detail, instants), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/metrics/1?window_type=daily&start_time={0}&end_time={1}", "metrics")]
    [InlineData("/api/metrics/1?window_type=hourly&start_time={0}&end_time={1}", "metrics")]
    [InlineData("/api/health/1?script=order_router&start_time={0}&end_time={1}", "samples")]
    public async Task AggregateOrHealthRange_FromTheCutoff_IsAnsweredWithRows(string template, string rows)
    {
        var (_, text) = await GetAfterArchiveAsync(template, HttpStatusCode.OK, Iso(KeptCutoff), Iso(KeptCutoff.AddDays(10)));

        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty(rows).GetArrayLength() > 0, text);
    }

    [Fact]
    public async Task TradesRange_PastRetentionBeforeAnyArchive_IsAnsweredFromTheLiveTable()
    {
        await using var api = await ApiAsync(archive: false);
        var url = $"/api/trades/1/summary?start_time={Iso(Cutoff.AddDays(-20))}&end_time={Iso(Cutoff.AddDays(5))}";
        var response = await api.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("total").GetProperty("trades").GetInt64() > 0, text);
    }

    /// <summary>Requests <paramref name="template"/> filled with <paramref name="instants"/> from an API over an archived database, checking the status.</summary>
    private async Task<(HttpResponseMessage Response, string Text)> GetAfterArchiveAsync(string template, HttpStatusCode expected, params string[] instants)
    {
        await using var api = await ApiAsync(archive: true);
        var url = string.Format(CultureInfo.InvariantCulture, template, instants);
        var response = await api.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{url} → {(int)response.StatusCode}: {text}");
        return (response, text);
    }

    private static string Iso(DateTime instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A database whose trades past the default retention <c>archive</c> has moved (or not), and an API over it at the archive's clock.</summary>
    private async Task<ArchivedApi> ApiAsync(bool archive)
    {
        var db = await LifecycleDatabase.CreateAsync(server, SchemaVariant.Composite);
        await db.FillAsync(2000);
        if (archive)
        {
            await new RetentionJob(db.DataSource, Policy, new RetentionOptions { Pause = TimeSpan.Zero }).RunAsync(Now, TestContext.Current.CancellationToken);
            Assert.True((await db.SplitAsync(TelemetryTable.TradesArchive, Cutoff)).Before > 0);
            Assert.True((await db.SplitAsync(TelemetryTable.MetricsArchive, KeptCutoff)).Before > 0);
        }

        var reader = await server.RequireServer().CreateReadOnlyAccountAsync([db.Name], TestContext.Current.CancellationToken);
        var api = await TelemetryApiHost.StartAsync(
            new TelemetryApiOptions { ConnectionString = reader, TimeProvider = new TestClock(new DateTimeOffset(Now)) }, TestContext.Current.CancellationToken);
        return new ArchivedApi(db, api);
    }

    private sealed class ArchivedApi(LifecycleDatabase db, RunningTelemetryApi api) : IAsyncDisposable
    {
        public HttpClient Client { get; } = new() { BaseAddress = api.BaseAddress };

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await api.DisposeAsync();
            await db.DisposeAsync();
        }
    }
}
