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
/// After <c>archive</c>, a trade list or summary of 90 days or less reaching before the raw trades' cutoff read the live
/// table, which no longer holds those trades: a 200 with fewer trades or none, saying nothing. It is refused instead; before
/// any archive, the same range is answered from the rows the table still holds.
/// </summary>
public sealed class ApiRetentionTests(DatabaseServerFixture server)
{
    // Two months of the 200 days of test data are past the default 365 days; the API's clock is the archive's.
    private static readonly DateTime Now = TestTrades.Origin.AddDays(365 + 60);
    private static readonly DateTime Cutoff = RetentionPolicy.Default.Trades.CutoffBefore(Now);

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
    [InlineData("/api/trades/1/summary?start_time={2}&end_time={1}", "daily_aggregates")]
    public async Task TradesRange_FromTheCutoffOrOver90Days_IsAnswered(string template, string source)
    {
        var (_, text) = await GetAfterArchiveAsync(template, HttpStatusCode.OK, Iso(Cutoff), Iso(Cutoff.AddDays(30)), Iso(Cutoff.AddDays(-100)));

        Assert.Contains($"\"{source}\"", text, StringComparison.Ordinal);
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
            await new RetentionJob(db.DataSource, RetentionPolicy.Default, new RetentionOptions { Pause = TimeSpan.Zero }).RunAsync(Now, TestContext.Current.CancellationToken);
            Assert.True((await db.SplitAsync(TelemetryTable.TradesArchive, Cutoff)).Before > 0);
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
