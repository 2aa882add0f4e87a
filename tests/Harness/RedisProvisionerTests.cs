using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Harness;

public sealed class RedisProvisionerTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task ProvisionAsync_RedisAvailable_AnswersPing()
    {
        var redis = fixture.RequireRedis();

        var reply = await RespClient.SendAsync(RedisEndpoint.Parse(redis.Configuration), [["PING"]], TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal("PONG", reply);
        Assert.NotEqual("unknown", redis.Version);
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
    public async Task ProvisionAsync_EnvironmentVariableSet_UsesIt()
    {
        var local = fixture.RequireRedis();

        await using var redis = await RedisProvisioner.ProvisionAsync(new ProvisioningOptions(), name => name == RedisProvisioner.ConfigurationVariable ? local.Configuration : null, () => null, TestContext.Current.CancellationToken);

        Assert.NotNull(redis);
        Assert.Equal("configuration", redis.Source);
        Assert.Equal(local.Version, redis.Version);
    }
}
