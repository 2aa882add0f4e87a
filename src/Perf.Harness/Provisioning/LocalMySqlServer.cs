using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Telemetry.Data;

namespace Perf.Harness.Provisioning;

/// <summary>Starts (or finds) a throwaway <c>mariadbd</c>/<c>mysqld</c> on 127.0.0.1 whose data directory survives between runs.</summary>
internal sealed class LocalMySqlServer
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);

    private readonly LocalServerFiles files;
    private readonly ILogger logger;
    private readonly string serverBinary;
    private readonly ServerFlavor flavor;
    private readonly int port;
    private readonly ProvisioningOptions options;
    private Process process;
    private int stopped;

    private LocalMySqlServer(Process process, LocalServerFiles files, ILogger logger, string serverBinary, ServerFlavor flavor, int port, ProvisioningOptions options)
    {
        this.process = process;
        this.files = files;
        this.logger = logger;
        this.serverBinary = serverBinary;
        this.flavor = flavor;
        this.port = port;
        this.options = options;
    }

    /// <summary>Returns a server on the data directory named by <paramref name="options"/>: the one already running there when its owner is alive, else a new one this process owns.</summary>
    public static async Task<ProvisionedServer> StartAsync(string serverBinary, ProvisioningOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var files = new LocalServerFiles(Path.GetFullPath(options.DataDirectory ?? RepositoryPaths.ScratchDirectory("mysql")));
        IDisposable startLock;
        try
        {
            Directory.CreateDirectory(files.Home);
            Directory.CreateDirectory(files.Temp);
            startLock = await FileLock.AcquireAsync(files.LockFile, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // A home this user cannot write (a read-only checkout, another user's directory) or a path through a file.
            throw new ProvisioningException($"The local server's home {files.Home} cannot be used: {ex.Message} Give one this user can write with {ProvisioningOptions.DataDirectoryFlag}.", ex);
        }

        using var held = startLock;
        var source = "local:" + files.Home;
        var credentials = LocalServerCredentials.LoadOrCreate(files.Credentials);

        var reused = await TryReuseOrStopRunningAsync(files, credentials, source, logger, cancellationToken).ConfigureAwait(false);
        if (reused is not null)
        {
            return reused;
        }

        var flavor = await DetectFlavorAsync(serverBinary, cancellationToken).ConfigureAwait(false);
        await InitializeIfEmptyAsync(serverBinary, flavor, files, logger, cancellationToken).ConfigureAwait(false);

        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            HarnessLog.StartingServer(logger, serverBinary, port, files.Data);
            var process = ChildProcess.StartDetached(serverBinary, ServerArguments(flavor, files, port, options), files.Home);
            var server = new LocalMySqlServer(process, files, logger, serverBinary, flavor, port, options);
            var registration = ExitCleanup.Register(server.Stop);
            try
            {
                new LocalServerState(process.Id, port, Environment.ProcessId).Write(files.State);
                await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
                await BootstrapAdminAsync(files, credentials, cancellationToken).ConfigureAwait(false);
                return await ProvisionedServer.ConnectAsync(
                    AdminConnectionString(credentials, port),
                    source,
                    async () =>
                    {
                        await Task.Run(server.Stop).ConfigureAwait(false);
                        registration.Dispose();
                    },
                    server.RestartAsync,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (PortInUseException) when (attempt < Attempts)
            {
                server.Stop();
                registration.Dispose();
            }
            catch
            {
                server.Stop();
                registration.Dispose();
                throw;
            }
        }
    }

    /// <summary>The command line of a benchmark-friendly server bound to 127.0.0.1 only.</summary>
    internal static List<string> ServerArguments(ServerFlavor flavor, LocalServerFiles files, int port, ProvisioningOptions options)
    {
        var arguments = new List<string>
        {
            // Must come first: ignore /etc/mysql/my.cnf and ~/.my.cnf so the settings below are the whole story.
            "--no-defaults",
            $"--datadir={files.Data}",
            $"--tmpdir={files.Temp}",
            $"--socket={files.Socket}",
            $"--pid-file={files.PidFile}",
            $"--log-error={files.ErrorLog}",
            $"--secure-file-priv={files.Home}",
            string.Create(CultureInfo.InvariantCulture, $"--port={port}"),
            "--bind-address=127.0.0.1",
        };
        arguments.AddRange(options.ServerSettings(flavor));
        if (flavor == ServerFlavor.MySql)
        {
            arguments.Add("--mysqlx=OFF");
        }

        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            arguments.Add("--user=root");
        }

        return arguments;
    }

    /// <summary>The TCP admin connection string of a local server.</summary>
    internal static string AdminConnectionString(LocalServerCredentials credentials, int port) => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1",
        Port = (uint)port,
        UserID = credentials.User,
        Password = credentials.Password,
        SslMode = MySqlSslMode.None,
        AllowPublicKeyRetrieval = true,
        AllowLoadLocalInfile = true,
        AllowUserVariables = true,
    }.ConnectionString;

    /// <summary>Stops the server (SQL <c>SHUTDOWN</c>, then a kill after a timeout); safe to call twice and from exit handlers.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        try
        {
            ShutDown(files, process, logger);
        }
        finally
        {
            if (LocalServerState.TryRead(files.State)?.Pid == process.Id)
            {
                File.Delete(files.State);
            }

            process.Dispose();
        }
    }

    /// <summary>
    /// Shuts the server down and starts it again on the same port and data directory with <paramref name="restart"/>'s
    /// settings on top of the usual ones, dropping the OS page cache in between where permitted (unless asked to keep it): the buffer pool starts
    /// empty (the settings never load a dump at startup). Connection strings stay valid; pooled connections are cleared.
    /// </summary>
    private async Task<bool> RestartAsync(ServerRestart restart, CancellationToken cancellationToken)
    {
        await MySqlConnection.ClearAllPoolsAsync(cancellationToken).ConfigureAwait(false);
        await Task.Run(() => ShutDown(files, process, logger), cancellationToken).ConfigureAwait(false);
        process.Dispose();
        var dropped = !restart.KeepOsPageCache && await OsPageCache.TryDropAsync(cancellationToken).ConfigureAwait(false);
        HarnessLog.StartingServer(logger, serverBinary, port, files.Data);
        process = ChildProcess.StartDetached(serverBinary, [.. ServerArguments(flavor, files, port, options), .. restart.Arguments()], files.Home);
        new LocalServerState(process.Id, port, Environment.ProcessId).Write(files.State);
        await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        return dropped;
    }

    private static void ShutDown(LocalServerFiles files, Process process, ILogger logger)
    {
        if (process.HasExited)
        {
            return;
        }

        try
        {
            using var connection = new MySqlConnection(RootSocketConnectionString(files));
            connection.Open();
            using var command = new MySqlCommand("SHUTDOWN", connection);
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is MySqlException or IOException or InvalidOperationException)
        {
            // The server may drop the connection as it goes down, or may not be up yet; the wait below decides.
        }

        if (!process.WaitForExit(ShutdownTimeout))
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        var pid = process.Id;
        HarnessLog.ServerStopped(logger, pid);
    }

    private static async Task<ProvisionedServer?> TryReuseOrStopRunningAsync(LocalServerFiles files, LocalServerCredentials credentials, string source, ILogger logger, CancellationToken cancellationToken)
    {
        var state = LocalServerState.TryRead(files.State);
        var pid = state?.Pid ?? ReadPidFile(files.PidFile);
        if (pid is not { } running || !ChildProcess.IsAlive(running, files.Data))
        {
            DeleteStaleFiles(files);
            return null;
        }

        if (state is not null && state.Pid == running && ChildProcess.IsAlive(state.OwnerPid))
        {
            try
            {
                var shared = await ProvisionedServer.ConnectAsync(AdminConnectionString(credentials, state.Port), source, stop: null, restart: null, cancellationToken).ConfigureAwait(false);
                HarnessLog.ReusingServer(logger, running, state.Port, state.OwnerPid);
                return shared;
            }
            catch (MySqlException)
            {
                // It does not answer as we expect; stop it and start our own below.
            }
        }

        HarnessLog.StoppingOrphan(logger, running);
        using (var orphan = Process.GetProcessById(running))
        {
            ShutDown(files, orphan, logger);
        }

        DeleteStaleFiles(files);
        return null;
    }

    private static int? ReadPidFile(string path)
    {
        try
        {
            return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void DeleteStaleFiles(LocalServerFiles files)
    {
        File.Delete(files.State);
        File.Delete(files.PidFile);
        File.Delete(files.Socket);
    }

    private static async Task<ServerFlavor> DetectFlavorAsync(string serverBinary, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ChildProcess.RunAsync(serverBinary, ["--version"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new ProvisioningException($"{serverBinary} --version failed with exit code {exitCode}:\n{output}");
        }

        return ServerInfo.Parse(output).Flavor;
    }

    private static async Task InitializeIfEmptyAsync(string serverBinary, ServerFlavor flavor, LocalServerFiles files, ILogger logger, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(files.Data, "mysql")))
        {
            return;
        }

        if (Directory.Exists(files.Data) && Directory.EnumerateFileSystemEntries(files.Data).Any())
        {
            throw new ProvisioningException($"{files.Data} is not empty but holds no initialized server (no 'mysql' system schema). Delete it to start afresh.");
        }

        Directory.CreateDirectory(files.Data);
        string tool;
        List<string> arguments;
        if (flavor == ServerFlavor.MariaDb)
        {
            tool = ExecutableLocator.Find(ExecutableLocator.InstallDbNames)
                ?? throw new ProvisioningException("mariadb-install-db was not found next to mariadbd; install the mariadb-server package.");
            arguments =
            [
                "--no-defaults",
                "--auth-root-authentication-method=normal",
                $"--datadir={files.Data}",
                "--skip-test-db",
                "--skip-name-resolve",
            ];
        }
        else
        {
            tool = serverBinary;
            arguments = ["--no-defaults", "--initialize-insecure", $"--datadir={files.Data}"];
        }

        // The bootstrap's temporary tables go to the server's own tmpdir too: in the shared /tmp, a cleaner or another
        // tool removed one under a CI run's install (mariadb-install-db: "Could not remove temporary table
        // '/tmp/#sql-temptable-…'", then "Unknown table 'mysql.tmp_proxies_priv'", exit 1).
        arguments.Add($"--tmpdir={files.Temp}");

        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            arguments.Add("--user=root");
        }

        var toolName = Path.GetFileName(tool);
        HarnessLog.InitializingDataDirectory(logger, files.Data, toolName);
        var (exitCode, output) = await ChildProcess.RunAsync(tool, arguments, TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            // Leave no half-initialized directory behind: the next run would refuse it.
            Directory.Delete(files.Data, recursive: true);
            throw new ProvisioningException($"{toolName} failed with exit code {exitCode}:\n{output}");
        }
    }

    private static string RootSocketConnectionString(LocalServerFiles files) => new MySqlConnectionStringBuilder
    {
        Server = files.Socket,
        ConnectionProtocol = MySqlConnectionProtocol.UnixSocket,
        UserID = "root",
        SslMode = MySqlSslMode.None,
        Pooling = false,
        ConnectionTimeout = 5,
    }.ConnectionString;

    private static async Task BootstrapAdminAsync(LocalServerFiles files, LocalServerCredentials credentials, CancellationToken cancellationToken)
    {
        if (!credentials.User.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ProvisioningException($"The admin user name in {files.Credentials} may hold only letters, digits and '_'.");
        }

        await using var connection = new MySqlConnection(RootSocketConnectionString(files));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            var account = $"'{credentials.User}'@'{host}'";
            foreach (var sql in new[]
            {
                $"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY @password",
                $"ALTER USER {account} IDENTIFIED BY @password",
                $"GRANT ALL PRIVILEGES ON *.* TO {account} WITH GRANT OPTION",
            })
            {
                await using var command = new MySqlCommand(sql, connection);
                command.Parameters.AddWithValue("@password", credentials.Password);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var timeout = options.StartTimeout;
        var stopwatch = Stopwatch.StartNew();
        var connectionString = RootSocketConnectionString(files);
        while (true)
        {
            if (process.HasExited)
            {
                var tail = ChildProcess.Tail(files.ErrorLog);
                var message = $"{serverBinary} exited with code {process.ExitCode} before accepting connections. Last lines of {files.ErrorLog}:\n{tail}";
                throw tail.Contains("in use", StringComparison.OrdinalIgnoreCase) ? new PortInUseException(message) : new ProvisioningException(message);
            }

            if (File.Exists(files.Socket))
            {
                try
                {
                    await using var connection = new MySqlConnection(connectionString);
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    var (pid, elapsed) = (process.Id, stopwatch.ElapsedMilliseconds);
                    HarnessLog.ServerReady(logger, pid, elapsed);
                    return;
                }
                catch (MySqlException)
                {
                    // Not ready yet.
                }
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new ProvisioningException(
                    $"{serverBinary} did not accept connections within {timeout.TotalSeconds:F0} s. Last lines of {files.ErrorLog}:\n{ChildProcess.Tail(files.ErrorLog)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server could not bind its port, which another process took between our probe and its start.</summary>
    private sealed class PortInUseException(string message) : Exception(message);
}
