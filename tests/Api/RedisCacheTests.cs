using Perf.Tests.Infrastructure;
using Telemetry.Api;

namespace Perf.Tests.Api;

/// <summary>With Redis configured, a second API instance answers from the shared second cache level.</summary>
public sealed class RedisCacheTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task SecondInstance_SameRequest_HitsRedis()
    {
        server.RequireServer();
        var redis = server.RequireRedis();
        var ct = TestContext.Current.CancellationToken;
        var reader = await server.Server!.CreateReadOnlyAccountAsync([api.Database], ct);
        // A new instance connects to Redis in the background, and until it has, a lookup fails at once and reads as a miss and
        // a write is skipped, by design (RedisSecondLevel); on a busy CI host the first request can come before either instance
        // is connected. So each attempt asks a range no other attempt or test asks for, until the second instance finds the
        // first's answer in Redis; a shared level that never serves it fails the test.
        var options = new TelemetryApiOptions { ConnectionString = reader, RedisConfiguration = redis.Configuration, RedisTimeout = TimeSpan.FromSeconds(10), RedisRetryInterval = TimeSpan.FromMilliseconds(50) };
        await using var first = await TelemetryApiHost.StartAsync(options, ct);
        await using var second = await TelemetryApiHost.StartAsync(options, ct);
        using var firstClient = new HttpClient { BaseAddress = first.BaseAddress };
        using var secondClient = new HttpClient { BaseAddress = second.BaseAddress };

        var (day, limit) = (Random.Shared.Next(1, 9), Random.Shared.Next(1, 9_000));
        for (var attempt = 1; ; attempt++)
        {
            var url = $"/api/trades/3?start_time=2025-10-0{day}T01:02:03Z&end_time=2025-11-11T00:00:00Z&limit={limit + attempt}";
            var fromDatabase = await firstClient.GetStringAsync(url, ct);
            var hits = await MetricsScrape.CacheLookupsAsync(secondClient, "trades", "hit");
            var fromRedis = await secondClient.GetStringAsync(url, ct);
            if (await MetricsScrape.CacheLookupsAsync(secondClient, "trades", "hit") == hits + 1)
            {
                Assert.Equal(fromDatabase, fromRedis);
                // Every range was new: the first instance never hit, in-process or in Redis.
                Assert.Equal(0, await MetricsScrape.CacheLookupsAsync(firstClient, "trades", "hit"));
                break;
            }

            Assert.True(attempt < 20, $"the second instance found none of {attempt} answers the first had just fetched in Redis");
            await Task.Delay(200, ct);
        }
    }
}
