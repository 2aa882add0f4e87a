using System.Security.Cryptography;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(DatabaseServerFixture))]

namespace Perf.Tests.Infrastructure;

/// <summary>
/// Owns the one MySQL-compatible server (and the one Redis) of the whole test assembly; take it as a constructor
/// parameter. Resolution is <see cref="ServerProvisioner"/>'s: PERF_MYSQL, else Docker, else a local mariadbd whose
/// home is <c>.perf/mysql-tests</c>. Each test class makes its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class DatabaseServerFixture : IAsyncLifetime
{
    private readonly List<string> createdDatabases = [];
    private int databaseCounter;

    /// <summary>The provisioned server, or null when none could be had (see <see cref="ServerUnavailableReason"/>).</summary>
    public ProvisionedServer? Server { get; private set; }

    /// <summary>Why <see cref="Server"/> is null; null when a server is available.</summary>
    public string? ServerUnavailableReason { get; private set; }

    /// <summary>The provisioned Redis, or null when none could be had (see <see cref="RedisUnavailableReason"/>).</summary>
    public ProvisionedRedis? Redis { get; private set; }

    /// <summary>Why <see cref="Redis"/> is null; null when Redis is available.</summary>
    public string? RedisUnavailableReason { get; private set; }

    /// <summary>True when env CI is "true" or "1": a missing server then fails tests instead of skipping them.</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The provisioning options the fixture used (a separate, smaller local server under <c>.perf/mysql-tests</c>).</summary>
    public static ProvisioningOptions Options { get; } = new()
    {
        DataDirectory = Perf.Harness.RepositoryPaths.ScratchDirectory("mysql-tests"),
        BufferPoolSize = "256M",
        RedoLogSize = "256M",
    };

    /// <summary>Returns the server, or skips the calling test (locally) / fails it (when CI=true) if there is none.</summary>
    public ProvisionedServer RequireServer()
    {
        if (Server is not null)
        {
            return Server;
        }

        SkipOrFail("No MySQL-compatible server: " + ServerUnavailableReason);
        return null!;
    }

    /// <summary>Returns Redis, or skips the calling test (locally) / fails it (when CI=true) if there is none.</summary>
    public ProvisionedRedis RequireRedis()
    {
        if (Redis is not null)
        {
            return Redis;
        }

        SkipOrFail("No Redis: " + RedisUnavailableReason);
        return null!;
    }

    /// <summary>Creates a fresh, empty database named <c>&lt;prefix&gt;_&lt;n&gt;_&lt;random&gt;</c> (prefix from [a-z0-9_]), dropped when the assembly finishes; skips/fails like <see cref="RequireServer"/>.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = RequireServer();
        var name = $"{prefix}_{Interlocked.Increment(ref databaseCounter)}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        await server.EnsureDatabaseAsync(name, TestContext.Current.CancellationToken);
        lock (createdDatabases)
        {
            createdDatabases.Add(name);
        }

        return name;
    }

    /// <summary>Provisions the server and Redis once for the assembly; failures become the unavailable reasons.</summary>
    public async ValueTask InitializeAsync()
    {
        try
        {
            Server = await ServerProvisioner.ProvisionAsync(Options, CancellationToken.None);
        }
        catch (ProvisioningException ex)
        {
            ServerUnavailableReason = ex.Message;
        }

        try
        {
            Redis = await RedisProvisioner.ProvisionAsync(Options, CancellationToken.None);
            RedisUnavailableReason = Redis is null ? "no --redis/PERF_REDIS and no redis-server installed (apt-get install redis-server)" : null;
        }
        catch (ProvisioningException ex)
        {
            RedisUnavailableReason = ex.Message;
        }
    }

    /// <summary>Drops the databases tests created and stops what the fixture started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            foreach (var name in createdDatabases)
            {
                await Server.DropDatabaseAsync(name, CancellationToken.None);
            }

            await Server.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }

    /// <summary>Skips the calling test with <paramref name="reason"/>, or fails it when CI=true; for tests needing something else that is missing (e.g. a local mariadbd).</summary>
    public static void SkipOrFail(string reason)
    {
        if (IsCi)
        {
            Assert.Fail(reason + " (CI=true, so this fails instead of skipping)");
        }

        Assert.Skip(reason);
    }
}
