using Perf.Harness.Provisioning;

namespace Perf.Tests.Infrastructure;

/// <summary>A local server of a test's own, on a throwaway data directory: for tests that restart, stop or reconfigure it, which the shared fixture's server must never see.</summary>
internal static class PrivateServer
{
    /// <summary>Provisions (starts, or borrows when one already runs there) the local server on <paramref name="home"/>, never Docker or a connection string.</summary>
    public static async Task<ProvisionedServer> ProvisionAsync(string home, CancellationToken ct)
    {
        var binary = ExecutableLocator.Find(ExecutableLocator.ServerNames);
        if (binary is null)
        {
            DatabaseServerFixture.SkipOrFail("mariadbd/mysqld is not installed (apt-get install mariadb-server)");
        }

        var options = new ProvisioningOptions { DataDirectory = home, BufferPoolSize = "64M", RedoLogSize = "48M" };
        var environment = new ProvisioningEnvironment(_ => null, (_, _) => Task.FromResult(new DockerProbeResult(false, "not in this test")), () => binary);
        return await ServerProvisioner.ProvisionAsync(options, environment, ct);
    }
}
