using System.Globalization;
using Perf.Tests.Infrastructure;
using StackExchange.Redis;
using Telemetry.Api;
using Telemetry.Data.Schema;

namespace Perf.Tests.Api;

/// <summary>With Redis configured, a second API instance on the same database answers from the shared second cache level; one on another database does not.</summary>
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

    [Fact]
    public async Task OtherDatabase_SameRequest_OwnRedisEntry()
    {
        server.RequireServer();
        var redis = server.RequireRedis();
        var ct = TestContext.Current.CancellationToken;
        // Two variants hold the same rows, so a shared entry would even answer correctly: the proof is in Redis, one entry per database.
        var databases = new[] { api.Variants.Databases[SchemaVariant.Basic], api.Variants.Databases[SchemaVariant.Composite] };
        var instances = new List<RunningTelemetryApi>();
        var clients = new List<HttpClient>();
        try
        {
            foreach (var database in databases)
            {
                var reader = await server.Server!.CreateReadOnlyAccountAsync([database], ct);
                instances.Add(await TelemetryApiHost.StartAsync(
                    new TelemetryApiOptions { ConnectionString = reader, RedisConfiguration = redis.Configuration, RedisTimeout = TimeSpan.FromSeconds(10), RedisRetryInterval = TimeSpan.FromMilliseconds(50) },
                    ct));
                clients.Add(new HttpClient { BaseAddress = instances[^1].BaseAddress });
            }

            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
            var store = connection.GetServers()[0];
            // Each attempt asks a range no other asks for (an instance may not have connected to Redis yet, see above), and waits
            // for both instances' background writes; while either serves the other's entry there is only one.
            for (var attempt = 1; ; attempt++)
            {
                var start = new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(Random.Shared.Next(1, 86_400 * 20));
                var url = string.Create(CultureInfo.InvariantCulture, $"/api/trades/2?start_time={start:yyyy-MM-ddTHH:mm:ssZ}&end_time=2025-11-11T00:00:00Z");
                foreach (var client in clients)
                {
                    _ = await client.GetStringAsync(url, ct);
                }

                var marker = string.Create(CultureInfo.InvariantCulture, $":trades:2:{start.Ticks}:");
                var keys = new List<string>();
                for (var poll = 0; poll < 10 && keys.Count < databases.Length; poll++)
                {
                    await Task.Delay(100, ct);
                    keys = [.. store.Keys(pattern: "*" + marker + "*").Select(k => k.ToString())];
                }

                if (keys.Count == databases.Length)
                {
                    Assert.All(databases, d => Assert.Single(keys, k => k.Contains($"#{d}:", StringComparison.Ordinal)));
                    Assert.Equal(0, await MetricsScrape.CacheLookupsAsync(clients[1], "trades", "hit"));
                    break;
                }

                Assert.True(attempt < 20, $"after {attempt} requests asked of both instances Redis still held one entry for their answers, not one per database: [{string.Join(", ", keys)}]");
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
