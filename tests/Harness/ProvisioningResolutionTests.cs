using System.Diagnostics;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Harness;

public sealed class ProvisioningResolutionTests
{
    private const string FlagConnectionString = "Server=flag;User ID=a;Password=b";
    private const string EnvConnectionString = "Server=env;User ID=a;Password=b";

    [Fact]
    public async Task ChooseAsync_FlagAndEnvironmentAndEverythingElse_FlagWins()
    {
        var options = new ProvisioningOptions { ConnectionString = FlagConnectionString };

        var choice = await ServerProvisioner.ChooseAsync(options, Environment(env: EnvConnectionString, docker: true, binary: "/usr/sbin/mariadbd"), TestContext.Current.CancellationToken);

        Assert.Equal(ProvisioningMethod.ConnectionString, choice.Method);
        Assert.Equal(FlagConnectionString, choice.ConnectionString);
    }

    [Fact]
    public async Task ChooseAsync_EnvironmentVariableAndDocker_EnvironmentWins()
    {
        var choice = await ServerProvisioner.ChooseAsync(new ProvisioningOptions(), Environment(env: EnvConnectionString, docker: true, binary: "/usr/sbin/mariadbd"), TestContext.Current.CancellationToken);

        Assert.Equal(ProvisioningMethod.ConnectionString, choice.Method);
        Assert.Equal(EnvConnectionString, choice.ConnectionString);
    }

    [Fact]
    public async Task ChooseAsync_DockerAndLocalBinary_DockerWins()
    {
        var choice = await ServerProvisioner.ChooseAsync(new ProvisioningOptions(), Environment(env: null, docker: true, binary: "/usr/sbin/mariadbd"), TestContext.Current.CancellationToken);

        Assert.Equal(ProvisioningMethod.Testcontainers, choice.Method);
    }

    [Fact]
    public async Task ChooseAsync_NoDockerButLocalBinary_LocalServer()
    {
        var choice = await ServerProvisioner.ChooseAsync(new ProvisioningOptions(), Environment(env: null, docker: false, binary: "/usr/sbin/mariadbd"), TestContext.Current.CancellationToken);

        Assert.Equal(ProvisioningMethod.LocalServer, choice.Method);
        Assert.Equal("/usr/sbin/mariadbd", choice.ServerBinary);
    }

    [Fact]
    public async Task ChooseAsync_TestcontainersDisabled_DockerNotProbed()
    {
        var probed = false;
        var environment = new ProvisioningEnvironment(_ => null, (_, _) => { probed = true; return Task.FromResult(new DockerProbeResult(true, "x")); }, () => "/usr/sbin/mariadbd");

        var choice = await ServerProvisioner.ChooseAsync(new ProvisioningOptions { AllowTestcontainers = false }, environment, TestContext.Current.CancellationToken);

        Assert.False(probed);
        Assert.Equal(ProvisioningMethod.LocalServer, choice.Method);
    }

    [Fact]
    public async Task ChooseAsync_NothingAvailable_ErrorNamesAllThreeWays()
    {
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() =>
            ServerProvisioner.ChooseAsync(new ProvisioningOptions(), Environment(env: null, docker: false, binary: null), TestContext.Current.CancellationToken));

        Assert.Contains("PERF_MYSQL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--mysql", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Docker", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install mariadb-server", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no daemon in this test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_NothingAvailable_ThrowsProvisioningException()
    {
        await Assert.ThrowsAsync<ProvisioningException>(() =>
            ServerProvisioner.ProvisionAsync(new ProvisioningOptions(), Environment(env: null, docker: false, binary: null), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ProvisionAsync_UnreachableConnectionString_ThrowsProvisioningExceptionWithoutPassword()
    {
        var options = new ProvisioningOptions { ConnectionString = "Server=127.0.0.1;Port=1;User ID=a;Password=secret-pw;ConnectionTimeout=2" };

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() =>
            ServerProvisioner.ProvisionAsync(options, Environment(env: null, docker: false, binary: null), TestContext.Current.CancellationToken));

        Assert.Contains("--mysql", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_DockerAnswersButTheContainerCannotStart_LocalServerInstead()
    {
        SkipWhereADaemonMayAnswer();
        var binary = ExecutableLocator.Find(ExecutableLocator.ServerNames);
        if (binary is null)
        {
            DatabaseServerFixture.SkipOrFail("mariadbd/mysqld is not installed (apt-get install mariadb-server)");
        }

        using var home = new ServerHome("container-fallback");
        var options = new ProvisioningOptions { DataDirectory = home.Path, BufferPoolSize = "64M", RedoLogSize = "48M" };

        // The probe says a daemon answers (as one that cannot pull an image offline would); Testcontainers itself finds none here.
        await using var server = await ServerProvisioner.ProvisionAsync(options, Environment(env: null, docker: true, binary: binary), TestContext.Current.CancellationToken);

        Assert.StartsWith("local:", server.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_LocalServerHomeThatCannotBeCreated_OneErrorNamingTheOption()
    {
        var binary = ExecutableLocator.Find(ExecutableLocator.ServerNames);
        if (binary is null)
        {
            DatabaseServerFixture.SkipOrFail("mariadbd/mysqld is not installed (apt-get install mariadb-server)");
        }

        // A path through a file cannot be a directory for any user, root included (a read-only one is the other case).
        var file = Path.GetTempFileName();
        try
        {
            var options = new ProvisioningOptions { DataDirectory = Path.Combine(file, "mysql"), AllowTestcontainers = false };

            var ex = await Assert.ThrowsAsync<ProvisioningException>(() =>
                ServerProvisioner.ProvisionAsync(options, Environment(env: null, docker: false, binary: binary), TestContext.Current.CancellationToken));

            Assert.StartsWith($"The local server's home {Path.Combine(file, "mysql")} cannot be used: ", ex.Message, StringComparison.Ordinal);
            Assert.EndsWith("Give one this user can write with --mysql-datadir.", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ProvisionAsync_DockerAnswersButTheContainerCannotStartAndNoLocalServer_OneErrorNamingWhy()
    {
        SkipWhereADaemonMayAnswer();

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() =>
            ServerProvisioner.ProvisionAsync(new ProvisioningOptions(), Environment(env: null, docker: true, binary: null), TestContext.Current.CancellationToken));

        Assert.Contains("Docker: answered, but the mysql:8.4 container did not start: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install mariadb-server", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerProbe_NoDaemonHere_NotAvailableWithoutHanging()
    {
        SkipWhereADaemonMayAnswer();
        var stopwatch = Stopwatch.StartNew();

        var result = await ProvisioningEnvironment.Default.ProbeDockerAsync(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

        // A guard against a hang, not a timing: beside the other tests on 2 shared cores, an answer can take longer than its 500 ms.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"probe took {stopwatch.ElapsedMilliseconds} ms: {result.Detail}");
        Assert.False(result.Available, result.Detail);
        Assert.NotEmpty(result.Detail);
    }

    [Fact]
    public async Task DockerProbe_DockerHostUnreachableTcp_NotAvailable()
    {
        // Port 1 on loopback refuses at once.
        var result = await DockerProbe.ProbeAsync(name => name == "DOCKER_HOST" ? "tcp://127.0.0.1:1" : null, TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

        Assert.False(result.Available);
        Assert.Contains("127.0.0.1:1", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecutableLocator_NameOnlyInExtraDirectory_Found()
    {
        var directory = Directory.CreateTempSubdirectory("perf-locator-");
        try
        {
            var binary = Path.Combine(directory.FullName, "fake-mariadbd");
            File.WriteAllText(binary, string.Empty);

            Assert.Equal(binary, ExecutableLocator.Find(["fake-mariadbd"], path: string.Empty, extraDirectories: [directory.FullName]));
            Assert.Null(ExecutableLocator.Find(["fake-mariadbd"], path: string.Empty, extraDirectories: []));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Machines like this one have a docker client and no engine: no DOCKER_HOST and no socket where a daemon listens; elsewhere the tests that rely on it skip.</summary>
    private static void SkipWhereADaemonMayAnswer()
    {
        var home = System.Environment.GetEnvironmentVariable("HOME");
        var runtime = System.Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string[] sockets = ["/var/run/docker.sock", home + "/.docker/run/docker.sock", home + "/.docker/desktop/docker.sock", runtime + "/docker.sock"];
        Assert.SkipWhen(
            !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("DOCKER_HOST")) || sockets.Any(File.Exists),
            "DOCKER_HOST or a Docker socket is here: a daemon may answer");
    }

    private static ProvisioningEnvironment Environment(string? env, bool docker, string? binary) => new(
        name => name == ServerProvisioner.ConnectionStringVariable ? env : null,
        (_, _) => Task.FromResult(new DockerProbeResult(docker, docker ? "unix:///fake.sock" : "no daemon in this test")),
        () => binary);
}
