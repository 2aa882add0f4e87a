using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Telemetry.Data;
using Testcontainers.MySql;

namespace Perf.Harness.Provisioning;

/// <summary>Finds or starts the MySQL-compatible server every tool and test uses: explicit connection string, else Testcontainers, else a local <c>mariadbd</c>.</summary>
/// <remarks>
/// A server the harness starts stops when its <see cref="ProvisionedServer"/> is disposed, at process exit, and on Ctrl+C or
/// SIGTERM. A tool that handles Ctrl+C itself to wind down should call <see cref="ExitCleanup.EnsureHooked"/> before
/// subscribing: its handler then runs first, and when it cancels the signal the server lives until the process exits.
/// </remarks>
public static class ServerProvisioner
{
    /// <summary>The environment variable read when no <c>--mysql</c> flag is given.</summary>
    public const string ConnectionStringVariable = "PERF_MYSQL";

    /// <summary>Returns a server by the first way that works, in the documented order.</summary>
    /// <exception cref="ProvisioningException">No way worked; the message names all three.</exception>
    public static Task<ProvisionedServer> ProvisionAsync(ProvisioningOptions options, CancellationToken cancellationToken = default) =>
        ProvisionAsync(options, ProvisioningEnvironment.Default, cancellationToken);

    /// <summary>Provisions with injected probes.</summary>
    internal static async Task<ProvisionedServer> ProvisionAsync(ProvisioningOptions options, ProvisioningEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ExitCleanup.EnsureHooked();
        var logger = options.Logger ?? NullLogger.Instance;
        var choice = await ChooseAsync(options, environment, cancellationToken).ConfigureAwait(false);
        var server = choice.Method switch
        {
            ProvisioningMethod.ConnectionString => await ConnectExplicitAsync(choice.ConnectionString!, cancellationToken).ConfigureAwait(false),
            ProvisioningMethod.Testcontainers => await StartContainerOrLocalAsync(options, environment, logger, cancellationToken).ConfigureAwait(false),
            _ => await LocalMySqlServer.StartAsync(choice.ServerBinary!, options, logger, cancellationToken).ConfigureAwait(false),
        };
        HarnessLog.UsingServer(logger, server.Source, server.Info);
        return server;
    }

    /// <summary>Decides how to obtain a server without starting anything.</summary>
    /// <exception cref="ProvisioningException">No way is available.</exception>
    internal static async Task<ProvisioningChoice> ChooseAsync(ProvisioningOptions options, ProvisioningEnvironment environment, CancellationToken cancellationToken)
    {
        if (options.ConnectionString is { } given && string.IsNullOrWhiteSpace(given))
        {
            // An empty --mysql is a mistake, not "no server given": starting a server for it would seed the wrong one.
            throw new ProvisioningException($"{ProvisioningOptions.MySqlFlag} is empty: give a connection string, or leave {ProvisioningOptions.MySqlFlag} out.");
        }

        var connectionString = options.ConnectionString ?? environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new ProvisioningChoice(ProvisioningMethod.ConnectionString, ConnectionString: connectionString);
        }

        var dockerDetail = "not tried (disabled by options)";
        if (options.AllowTestcontainers)
        {
            var probe = await environment.ProbeDockerAsync(options.DockerProbeTimeout, cancellationToken).ConfigureAwait(false);
            HarnessLog.DockerProbe(options.Logger ?? NullLogger.Instance, probe.Detail);
            if (probe.Available)
            {
                return new ProvisioningChoice(ProvisioningMethod.Testcontainers);
            }

            dockerDetail = probe.Detail;
        }

        var binary = options.AllowLocalServer ? environment.FindServerBinary() : null;
        if (binary is not null)
        {
            return new ProvisioningChoice(ProvisioningMethod.LocalServer, ServerBinary: binary);
        }

        throw new ProvisioningException(NothingAvailableMessage(dockerDetail, LocalDetail(options)));
    }

    /// <summary>Why no local server was started: none installed, or not allowed.</summary>
    private static string LocalDetail(ProvisioningOptions options) => options.AllowLocalServer ? "mariadbd/mysqld not found on PATH or in /usr/sbin" : "disabled by options";

    /// <summary>The one error that names every way to get a server.</summary>
    internal static string NothingAvailableMessage(string dockerDetail, string localDetail) =>
        $"""
        No MySQL-compatible server is available. Use one of these:
          1. an existing server: set {ConnectionStringVariable} or pass {ProvisioningOptions.MySqlFlag} "Server=host;Port=3306;User ID=root;Password=..." (a user with all privileges);
          2. a Docker daemon, so Testcontainers can start a MySQL container: start Docker (Docker: {dockerDetail});
          3. a local MariaDB the harness starts and stops itself: apt-get install mariadb-server (Local server: {localDetail}).
        """;

    private static async Task<ProvisionedServer> ConnectExplicitAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            return await ProvisionedServer.ConnectAsync(connectionString, "connection-string", stop: null, restart: null, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex)
        {
            throw new ProvisioningException($"Could not connect with the connection string from {ProvisioningOptions.MySqlFlag} or {ConnectionStringVariable}: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new ProvisioningException($"The connection string from {ProvisioningOptions.MySqlFlag} or {ConnectionStringVariable} is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A container; when Docker answered the probe yet the container does not start (an image that cannot be pulled offline, a
    /// daemon that refuses), the local server instead, as the next way in the documented order; one error naming every way when
    /// there is none.
    /// </summary>
    private static async Task<ProvisionedServer> StartContainerOrLocalAsync(ProvisioningOptions options, ProvisioningEnvironment environment, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await StartContainerAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var detail = $"answered, but the {options.ContainerImage} container did not start: {ex.GetBaseException().Message.Trim().TrimEnd('.')}";
            HarnessLog.ContainerFailed(logger, detail);
            var binary = options.AllowLocalServer ? environment.FindServerBinary() : null;
            return binary is not null
                ? await LocalMySqlServer.StartAsync(binary, options, logger, cancellationToken).ConfigureAwait(false)
                : throw new ProvisioningException(NothingAvailableMessage(detail, LocalDetail(options)), ex);
        }
    }

    private static async Task<ProvisionedServer> StartContainerAsync(ProvisioningOptions options, CancellationToken cancellationToken)
    {
        var password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24);
        var flavor = options.ContainerImage.Contains("mariadb", StringComparison.OrdinalIgnoreCase) ? ServerFlavor.MariaDb : ServerFlavor.MySql;
        MySqlContainer? container = null;
        container = new MySqlBuilder(options.ContainerImage)
            .WithPassword(password)
            .WithCommand([.. options.ServerSettings(flavor)])
            // Runs at create time, when the container knows which host it will be reached at.
            .WithCreateParameterModifier(parameters =>
            {
                if (LoopbackPorts.IsLocal(container!.Hostname))
                {
                    LoopbackPorts.Apply(parameters);
                }
            })
            .Build();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            var admin = new MySqlConnectionStringBuilder(container.GetConnectionString())
            {
                // The image gives root the same password as its application user.
                UserID = "root",
                Password = password,
                Database = string.Empty,
                AllowPublicKeyRetrieval = true,
            };
            return await ProvisionedServer.ConnectAsync(admin.ConnectionString, "testcontainers", container.DisposeAsync, restart: null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
