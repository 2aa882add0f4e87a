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
        // A new instance's first Redis connection can take longer than the 250 ms default on a busy CI host, and by design that
        // reads as a miss and skips Redis for a while: this test is about the shared level, so it gives the connection time.
        var options = new TelemetryApiOptions { ConnectionString = reader, RedisConfiguration = redis.Configuration, RedisTimeout = TimeSpan.FromSeconds(10) };
        await using var first = await TelemetryApiHost.StartAsync(options, ct);
        await using var second = await TelemetryApiHost.StartAsync(options, ct);
        using var firstClient = new HttpClient { BaseAddress = first.BaseAddress };
        using var secondClient = new HttpClient { BaseAddress = second.BaseAddress };

        // A range no other test asks for, so the key is new to Redis.
        var url = $"/api/trades/3?start_time=2025-10-0{Random.Shared.Next(1, 9)}T01:02:03Z&end_time=2025-11-11T00:00:00Z&limit={Random.Shared.Next(1, 10_000)}";
        var fromDatabase = await firstClient.GetStringAsync(url, ct);
        var fromRedis = await secondClient.GetStringAsync(url, ct);

        Assert.Equal(fromDatabase, fromRedis);
        Assert.Equal(0, await MetricsScrape.CacheLookupsAsync(firstClient, "trades", "hit"));
        Assert.Equal(1, await MetricsScrape.CacheLookupsAsync(secondClient, "trades", "hit"));
        Assert.Equal(0, await MetricsScrape.CacheLookupsAsync(secondClient, "trades", "miss"));
    }
}
