using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;
using StackExchange.Redis;

namespace Perf.Tests.Harness;

public sealed class RedisProvisionerTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task ProvisionAsync_RedisAvailable_AnswersPing()
    {
        var redis = fixture.RequireRedis();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var reply = await connection.GetDatabase().ExecuteAsync("PING");

        Assert.Equal("PONG", reply.ToString());
        Assert.Matches(@"^\d+\.\d+", redis.Version);
    }

    [Fact]
    public async Task ProvisionAsync_NothingConfiguredNoBinary_ReturnsNull()
    {
        var redis = await RedisProvisioner.ProvisionAsync(new ProvisioningOptions(), _ => null, () => null, TestContext.Current.CancellationToken);

        Assert.Null(redis);
    }

    [Fact]
    public async Task ProvisionAsync_ConfiguredButUnreachable_ThrowsNamingTheFlag()
    {
        var options = new ProvisioningOptions { RedisConfiguration = "127.0.0.1:1" };

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => RedisProvisioner.ProvisionAsync(options, _ => null, () => "/usr/bin/redis-server", TestContext.Current.CancellationToken));

        Assert.Contains("--redis", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindConfiguredAsync_NothingNamed_StartsNothing()
    {
        // Unlike ProvisionAsync, the tools' path never starts a redis-server the user did not name.
        var redis = await RedisProvisioner.FindConfiguredAsync(new ProvisioningOptions(), _ => null, TestContext.Current.CancellationToken);

        Assert.Null(redis);
    }

    [Fact]
    public async Task FindConfiguredAsync_NotARedis_ThrowsNamingTheVariable()
    {
        // A port that accepts nothing: the probe fails within its timeout and says where the setting came from.
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => RedisProvisioner.FindConfiguredAsync(
            new ProvisioningOptions(), name => name == RedisProvisioner.ConfigurationVariable ? "127.0.0.1:1" : null, TestContext.Current.CancellationToken));

        Assert.Contains(RedisProvisioner.ConfigurationVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_EnvironmentVariableSet_UsesIt()
    {
        var local = fixture.RequireRedis();

        await using var redis = await RedisProvisioner.ProvisionAsync(new ProvisioningOptions(), name => name == RedisProvisioner.ConfigurationVariable ? local.Configuration : null, () => null, TestContext.Current.CancellationToken);

        Assert.NotNull(redis);
        Assert.Equal("configuration", redis.Source);
        Assert.Equal(local.Version, redis.Version);
    }
}
