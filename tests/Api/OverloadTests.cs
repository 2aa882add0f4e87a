using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MySqlConnector;
using Perf.Tests.Infrastructure;
using Telemetry.Api;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Tests.Api;

/// <summary>
/// More concurrent requests than the database-backed endpoints' limit, while the trades table is write-locked by another session (so
/// every query waits): the excess is answered 503 with <c>Retry-After</c> at once or after the queue bound, the rest succeed once the lock goes.
/// </summary>
public sealed class OverloadTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Url = "/api/trades/2?start_time=2025-09-21T00:00:00Z&end_time=2025-10-21T00:00:00Z&limit=100";

    // Shed answers are expected at once (or after the queue bound); this leaves room for a busy shared machine.
    private static readonly TimeSpan ShedBound = TimeSpan.FromSeconds(3);

    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetTrades_MoreThanLimitAndQueue_ExcessShedAtOnceRestSucceed()
    {
        server.RequireServer();
        await using var app = await StartAsync(concurrencyLimit: 2, queueLimit: 2, queueTimeout: TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var expected = await client.GetStringAsync(Url, Ct);

        await using var blocker = await LockTradesAsync();
        var requests = Enumerable.Range(0, 10).Select(_ => TimedGetAsync(client)).ToList();

        // 2 run (and wait on the lock), 2 queue, 6 are refused while the lock is still held.
        var shed = await FirstCompletedAsync(requests, 6);
        await UnlockAsync(blocker);
        var all = await Task.WhenAll(requests);

        Assert.All(shed, AssertShed);
        var succeeded = all.Where(r => !shed.Any(s => ReferenceEquals(s, r))).ToList();
        Assert.Equal(4, succeeded.Count);
        Assert.All(succeeded, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(succeeded, r => Assert.Equal(expected, r.Body));
        var metrics = await MetricsScrape.ReadWhenAsync(client, s => MetricsScrape.Value(s, "telemetry_http_requests_shed_total", ("endpoint", "trades")) >= 6);
        Assert.Equal(6, MetricsScrape.Value(metrics, "telemetry_http_requests_shed_total", ("endpoint", "trades")));
    }

    [Fact]
    public async Task GetTrades_QueuedLongerThanQueueTimeout_Shed503AfterTheBound()
    {
        server.RequireServer();
        var queueTimeout = TimeSpan.FromMilliseconds(500);
        await using var app = await StartAsync(concurrencyLimit: 1, queueLimit: 5, queueTimeout);
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var expected = await client.GetStringAsync(Url, Ct);

        await using var blocker = await LockTradesAsync();
        var running = TimedGetAsync(client);
        await WaitForQueriesOnTheLockAsync(1);
        var queued = Enumerable.Range(0, 3).Select(_ => TimedGetAsync(client)).ToList();
        var shed = await FirstCompletedAsync(queued, 3);
        Assert.False(running.IsCompleted, "The first request should still wait on the lock.");
        await UnlockAsync(blocker);

        foreach (var response in shed)
        {
            AssertShed(response);
            Assert.True(response.Elapsed >= queueTimeout - TimeSpan.FromMilliseconds(50), $"Shed after {response.Elapsed.TotalMilliseconds:0} ms, before the queue bound.");
        }

        var first = await running;
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(expected, first.Body);
    }

    [Fact]
    public async Task GetTrades_DatabaseFull_BadInputStill400AndCachedAnswerStill200()
    {
        server.RequireServer();
        await using var app = await StartAsync(concurrencyLimit: 1, queueLimit: 0, queueTimeout: TimeSpan.FromSeconds(60), caching: true);
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var cached = await client.GetStringAsync(Url, Ct);

        await using var blocker = await LockTradesAsync();
        var running = TimedGetAsync(client, Url.Replace("limit=100", "limit=50", StringComparison.Ordinal));
        await WaitForQueriesOnTheLockAsync(1);
        // The one slot is taken (by the query waiting on the lock): a query needing the database is shed...
        AssertShed(await TimedGetAsync(client, Url.Replace("limit=100", "limit=51", StringComparison.Ordinal)));

        // ...but a request that needs no query is answered as usual: the gate stands around the query, not the request.
        var bad = await TimedGetAsync(client, "/api/trades/abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Elapsed < ShedBound, $"400 after {bad.Elapsed.TotalMilliseconds:0} ms.");
        var hit = await TimedGetAsync(client, Url);
        Assert.Equal(HttpStatusCode.OK, hit.Status);
        Assert.Equal(cached, hit.Body);
        Assert.True(hit.Elapsed < ShedBound, $"Cached answer after {hit.Elapsed.TotalMilliseconds:0} ms.");
        Assert.False(running.IsCompleted, "The first query should still wait on the lock.");

        await UnlockAsync(blocker);
        Assert.Equal(HttpStatusCode.OK, (await running).Status);
    }

    /// <summary>
    /// The retention cutoffs are read again every 30 s, and every request used to wait for that reading: with the database hung
    /// (here: the cutoffs table write-locked), a cached answer waited until the command timed out and then came back 503.
    /// </summary>
    [Fact]
    public async Task GetTrades_CutoffsRefreshHangs_CachedAnswerStill200()
    {
        server.RequireServer();
        await using (var admin = await VariantSet.OpenAsync(server, api.Database))
        {
            // A cutoff long before the data: the table exists to be locked, and refuses no range.
            await RetentionCutoffs.RecordAsync(admin, TelemetryTable.Trades, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), Ct);
        }

        var clock = new TestClock(DateTimeOffset.UtcNow);
        var reader = await server.Server!.CreateReadOnlyAccountAsync([api.Database], Ct);
        await using var app = await TelemetryApiHost.StartAsync(new TelemetryApiOptions { ConnectionString = reader, TimeProvider = clock }, Ct);
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var cached = await client.GetStringAsync(Url, Ct);

        await using var blocker = await VariantSet.OpenAsync(server, api.Database);
        await using (var command = new MySqlCommand($"LOCK TABLES {RetentionCutoffs.Table} WRITE", blocker))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        try
        {
            // The reading is due again: it is refreshed in the background, and requests go on with the last good one.
            clock.Now += KeptFromReader.Refresh + TimeSpan.FromSeconds(1);
            var hit = await TimedGetAsync(client, Url);
            Assert.Equal(HttpStatusCode.OK, hit.Status);
            Assert.Equal(cached, hit.Body);
            Assert.True(hit.Elapsed < ShedBound, $"Cached answer after {hit.Elapsed.TotalMilliseconds:0} ms.");
            var miss = await TimedGetAsync(client, Url.Replace("limit=100", "limit=50", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, miss.Status);
            Assert.True(miss.Elapsed < ShedBound, $"Uncached answer after {miss.Elapsed.TotalMilliseconds:0} ms.");
        }
        finally
        {
            await UnlockAsync(blocker);
        }
    }

    [Fact]
    public async Task GetTrades_QueryRunsPastTheCommandTimeout_503WithRetryAfterNot500()
    {
        server.RequireServer();
        var reader = new MySqlConnectionStringBuilder(await server.Server!.CreateReadOnlyAccountAsync([api.Database], Ct)) { DefaultCommandTimeout = 1 }.ConnectionString;
        await using var app = await TelemetryApiHost.StartAsync(new TelemetryApiOptions { ConnectionString = reader, EnableCaching = false }, Ct);
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        TimedResponse response;
        await using (var blocker = await LockTradesAsync())
        {
            try
            {
                response = await TimedGetAsync(client);
            }
            finally
            {
                await UnlockAsync(blocker);
            }
        }

        // An overloaded database answering too slowly is not an internal error: the client may retry.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), response.RetryAfter);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("The database did not answer in time", problem.RootElement.GetProperty("title").GetString());
        Assert.InRange(response.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0, null, 1000)]
    [InlineData(2, -1, 1000)]
    [InlineData(2, 2, 0)]
    public void Build_BadLimits_Throws(int concurrencyLimit, int? queueLimit, int queueTimeoutMs)
    {
        var options = new TelemetryApiOptions
        {
            ConnectionString = "Server=127.0.0.1;Database=unused",
            DatabaseConcurrencyLimit = concurrencyLimit,
            DatabaseQueueLimit = queueLimit,
            DatabaseQueueTimeout = TimeSpan.FromMilliseconds(queueTimeoutMs),
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => TelemetryApiHost.Build(options));
    }

    private async Task<RunningTelemetryApi> StartAsync(int concurrencyLimit, int queueLimit, TimeSpan queueTimeout, bool caching = false)
    {
        var reader = await server.Server!.CreateReadOnlyAccountAsync([api.Database], Ct);
        return await TelemetryApiHost.StartAsync(
            new TelemetryApiOptions
            {
                ConnectionString = reader,
                EnableCaching = caching,
                DatabaseConcurrencyLimit = concurrencyLimit,
                DatabaseQueueLimit = queueLimit,
                DatabaseQueueTimeout = queueTimeout,
            },
            Ct);
    }

    // Another session's write lock: the API's SELECTs on the table wait until it is released.
    private async Task<MySqlConnection> LockTradesAsync()
    {
        var connection = await VariantSet.OpenAsync(server, api.Database);
        await using var command = new MySqlCommand("LOCK TABLES dd_trade_performance WRITE", connection);
        await command.ExecuteNonQueryAsync(Ct);
        return connection;
    }

    // Until this many of the API's queries wait on the lock: then they hold their slots (a fixed delay may be too short on a busy machine).
    private async Task WaitForQueriesOnTheLockAsync(int count)
    {
        await using var connection = await VariantSet.OpenAsync(server, api.Database);
        var deadline = Stopwatch.GetTimestamp() + (long)(10 * Stopwatch.Frequency);
        while (true)
        {
            await using var command = new MySqlCommand(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = @db AND STATE LIKE 'Waiting for table%'", connection);
            command.Parameters.AddWithValue("@db", api.Database);
            var waiting = Convert.ToInt32(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
            if (waiting >= count)
            {
                return;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, $"{waiting} of {count} queries wait on the lock after 10 s.");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task UnlockAsync(MySqlConnection connection)
    {
        await using var command = new MySqlCommand("UNLOCK TABLES", connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<TimedResponse> TimedGetAsync(HttpClient client, string url = Url)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return new TimedResponse(response.StatusCode, Stopwatch.GetElapsedTime(started), response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>The first <paramref name="count"/> responses to arrive, failing if they take longer than <see cref="ShedBound"/>.</summary>
    private static async Task<List<TimedResponse>> FirstCompletedAsync(List<Task<TimedResponse>> requests, int count)
    {
        var pending = requests.ToList();
        var completed = new List<TimedResponse>();
        var deadline = Task.Delay(ShedBound, Ct);
        while (completed.Count < count)
        {
            var next = await Task.WhenAny([.. pending, deadline]);
            Assert.False(next == deadline, $"Only {completed.Count} of {count} responses within {ShedBound.TotalSeconds:0} s.");
            pending.Remove((Task<TimedResponse>)next);
            completed.Add(await (Task<TimedResponse>)next);
        }

        return completed;
    }

    private static void AssertShed(TimedResponse response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), response.RetryAfter);
        Assert.Equal("application/problem+json", response.MediaType);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(response.Elapsed < ShedBound, $"Shed after {response.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms.");
    }

    private sealed record TimedResponse(HttpStatusCode Status, TimeSpan Elapsed, TimeSpan? RetryAfter, string? MediaType, string Body);
}
