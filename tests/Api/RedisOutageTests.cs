using System.Diagnostics;
using System.Globalization;
using System.Net;
using Perf.Tests.Infrastructure;
using Telemetry.Api;

namespace Perf.Tests.Api;

/// <summary>With Redis killed or frozen mid-way, every request is still answered, correctly and in bounded time; Redis is used again once back.</summary>
public sealed class RedisOutageTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>, IAsyncDisposable
{
    // The API waits on Redis at most 250 ms (RedisTimeout); this leaves room for a busy shared machine and is still under
    // StackExchange.Redis's 5 s default timeouts, which a request would otherwise wait out per operation.
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(3);

    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private int nextUrl;
    private RedisServerProcess redis = null!;
    private TelemetryApiOptions options = null!;
    private RunningTelemetryApi? reference;
    private RunningTelemetryApi? app;
    private HttpClient client = null!;
    private HttpClient referenceClient = null!;

    [Fact]
    public async Task GetTrades_RedisKilledThenRestarted_AllAnsweredAndSecondLevelUsedAgain()
    {
        await StartAsync();
        var cached = await WriteUntilStoredAsync();

        redis.Kill();
        await AssertAnsweredAsync(client, cached);
        for (var i = 0; i < 10; i++)
        {
            await AssertAnsweredAsync(client, NextUrl());
        }

        Assert.True(await MetricAsync(client, "telemetry_cache_redis_failures_total") >= 1);
        Assert.True(await MetricAsync(client, "telemetry_cache_redis_skipped_total") >= 1, "Requests after the failure should not wait for Redis.");

        await redis.StartAsync(Ct);
        await AssertSecondLevelUsedAgainAsync();
    }

    [Fact]
    public async Task GetTrades_RedisFrozen_AnsweredWithinBoundAndSecondLevelUsedAfterThaw()
    {
        await StartAsync();
        await WriteUntilStoredAsync();

        redis.Freeze();
        // Concurrent misses while Redis hangs: each waits at most one Redis timeout, then goes to the database.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AssertAnsweredAsync(client, NextUrl())));
        for (var i = 0; i < 5; i++)
        {
            await AssertAnsweredAsync(client, NextUrl());
        }

        Assert.True(await MetricAsync(client, "telemetry_cache_redis_failures_total") >= 1);

        redis.Thaw();
        await AssertSecondLevelUsedAgainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        referenceClient?.Dispose();
        foreach (var running in new[] { app, reference })
        {
            if (running is not null)
            {
                await running.DisposeAsync();
            }
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    /// <summary>A redis-server of this test's own, an API using it, and a cache-less API whose answers come straight from the database.</summary>
    private async Task StartAsync()
    {
        server.RequireServer();
        redis = await RedisServerProcess.StartNewAsync(Ct);
        var reader = await server.Server!.CreateReadOnlyAccountAsync([api.Database], Ct);
        reference = await TelemetryApiHost.StartAsync(new TelemetryApiOptions { ConnectionString = reader, EnableCaching = false }, Ct);
        referenceClient = new HttpClient { BaseAddress = reference.BaseAddress };
        options = new TelemetryApiOptions { ConnectionString = reader, RedisConfiguration = redis.Configuration };
        app = await TelemetryApiHost.StartAsync(options, Ct);
        client = new HttpClient { BaseAddress = app.BaseAddress };

        // Not timed: the first request compiles and connects.
        using var warmUp = await client.GetAsync(NextUrl(), Ct);
        warmUp.EnsureSuccessStatusCode();
    }

    // Each URL asks for a range no other request asks for, so it is a miss in both levels.
    private string NextUrl()
    {
        var n = Interlocked.Increment(ref nextUrl);
        var start = TestTrades.Origin.AddDays(n % 150).AddSeconds(n);
        return string.Create(CultureInfo.InvariantCulture, $"/api/trades/{1 + (n % ApiFixture.Profiles)}?start_time={start:yyyy-MM-ddTHH:mm:ssZ}&end_time={start.AddDays(30):yyyy-MM-ddTHH:mm:ssZ}&limit=50");
    }

    private async Task AssertAnsweredAsync(HttpClient target, string url)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await target.GetAsync(url, Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < RequestBound, $"{url} took {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(await referenceClient.GetStringAsync(url, Ct), await response.Content.ReadAsStringAsync(Ct));
    }

    // The API writes the second level after it answers, so a key shows up a moment later.
    private async Task<bool> KeysReachAsync(long count, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (await redis.CountKeysAsync() < count)
        {
            if (deadline.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(50, Ct);
        }

        return true;
    }

    /// <summary>Has a second instance, with an empty in-process level, read from Redis an answer the first wrote after Redis came back.</summary>
    private async Task AssertSecondLevelUsedAgainAsync()
    {
        var url = await WriteUntilStoredAsync();
        await using var second = await TelemetryApiHost.StartAsync(options, Ct);
        using var secondClient = new HttpClient { BaseAddress = second.BaseAddress };
        await AssertAnsweredAsync(secondClient, url);
        Assert.Equal(1, await MetricsScrape.CacheLookupsAsync(secondClient, "trades", "hit"));
    }

    /// <summary>
    /// Asks for new answers until one lands in Redis (the client reconnects on its own, and the API tries Redis again after its
    /// retry interval); returns its URL.
    /// </summary>
    private async Task<string> WriteUntilStoredAsync()
    {
        var before = await redis.CountKeysAsync();
        var deadline = Stopwatch.StartNew();
        string url;
        do
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "The API did not write to Redis within 30 s.");
            url = NextUrl();
            await AssertAnsweredAsync(client, url);
        }
        while (!await KeysReachAsync(before + 1, TimeSpan.FromSeconds(1)));

        return url;
    }

    /// <summary>The counter's value for Redis reads (operation "get").</summary>
    private static async Task<long> MetricAsync(HttpClient target, string series) =>
        (long)MetricsScrape.Value(await MetricsScrape.ReadAsync(target), series, ("operation", "get"));
}
