using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Perf.Harness.Provisioning;

/// <summary>Finds or starts a Redis for the API's second-level cache: explicit <c>--redis</c>/<c>PERF_REDIS</c>, else a throwaway local <c>redis-server</c>, else none.</summary>
public static class RedisProvisioner
{
    /// <summary>The environment variable read when no <c>--redis</c> flag is given.</summary>
    public const string ConfigurationVariable = "PERF_REDIS";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Returns a Redis, or null when none is configured and no <c>redis-server</c> is installed (callers then cache in-process).</summary>
    /// <exception cref="ProvisioningException">A configured Redis does not answer, or a local one fails to start.</exception>
    public static Task<ProvisionedRedis?> ProvisionAsync(ProvisioningOptions options, CancellationToken cancellationToken = default) =>
        ProvisionAsync(options, Environment.GetEnvironmentVariable, () => ExecutableLocator.Find(ExecutableLocator.RedisNames), cancellationToken);

    /// <summary>Returns the Redis the user named with <c>--redis</c> or <c>PERF_REDIS</c>, after checking it answers; null when none is named (nothing is started).</summary>
    /// <exception cref="ProvisioningException">The named Redis does not answer.</exception>
    public static Task<ProvisionedRedis?> FindConfiguredAsync(ProvisioningOptions options, CancellationToken cancellationToken = default) =>
        FindConfiguredAsync(options, Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>Provisions with injected probes.</summary>
    internal static async Task<ProvisionedRedis?> ProvisionAsync(ProvisioningOptions options, Func<string, string?> getEnvironmentVariable, Func<string?> findRedisServer, CancellationToken cancellationToken)
    {
        var configured = await FindConfiguredAsync(options, getEnvironmentVariable, cancellationToken).ConfigureAwait(false);
        if (configured is not null)
        {
            return configured;
        }

        var logger = options.Logger ?? NullLogger.Instance;
        var binary = findRedisServer();
        if (binary is null)
        {
            HarnessLog.NoRedis(logger, "no --redis, no PERF_REDIS and no redis-server on PATH");
            return null;
        }

        return await StartLocalAsync(binary, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the named Redis with an injected environment.</summary>
    internal static async Task<ProvisionedRedis?> FindConfiguredAsync(ProvisioningOptions options, Func<string, string?> getEnvironmentVariable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RedisConfiguration is { } given && string.IsNullOrWhiteSpace(given))
        {
            // An empty --redis is a mistake, not "no Redis given": it would start one.
            throw new ProvisioningException($"{ProvisioningOptions.RedisFlag} is empty: give host:port, or leave {ProvisioningOptions.RedisFlag} out.");
        }

        var configuration = options.RedisConfiguration ?? getEnvironmentVariable(ConfigurationVariable);
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return null;
        }

        string version;
        try
        {
            version = await ReadVersionAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            throw new ProvisioningException($"The Redis from {ProvisioningOptions.RedisFlag} or {ConfigurationVariable} does not answer: {ex.Message}", ex);
        }

        // Only the first endpoint: the rest of the configuration string may hold a password.
        var endpoint = configuration.Split(',')[0];
        HarnessLog.UsingRedis(options.Logger ?? NullLogger.Instance, "configuration", endpoint, version);
        return new ProvisionedRedis(configuration, "configuration", version, stop: null);
    }

    /// <summary>Connects with StackExchange.Redis (the client the API uses), pings, and returns the server's version.</summary>
    private static async Task<string> ReadVersionAsync(string configuration, CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)ProbeTimeout.TotalMilliseconds;
        options.SyncTimeout = options.AsyncTimeout = (int)ProbeTimeout.TotalMilliseconds;
        var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(ProbeTimeout * 2, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var server = connection.GetServers()[0];
            await server.PingAsync().ConfigureAwait(false);
            return server.Version.ToString();
        }
    }

    private static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) =>
        ex is RedisException or TimeoutException or ArgumentException or FormatException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static async Task<ProvisionedRedis> StartLocalAsync(string binary, ILogger logger, CancellationToken cancellationToken)
    {
        var home = RepositoryPaths.ScratchDirectory("redis");
        Directory.CreateDirectory(home);
        var output = new Queue<string>();
        var port = FreePort.Next();
        var arguments = new[]
        {
            "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--dir", home,
        };
        var process = ChildProcess.StartDetached(binary, arguments, home, line =>
        {
            lock (output)
            {
                output.Enqueue(line);
                if (output.Count > 30)
                {
                    output.Dequeue();
                }
            }
        });
        var configuration = $"127.0.0.1:{port}";
        var stopped = 0;
        void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) == 1)
            {
                return;
            }

            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }

            process.Dispose();
        }

        var registration = ExitCleanup.Register(Stop);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    throw new ProvisioningException($"{binary} exited with code {process.ExitCode} at start:\n{Lines()}");
                }

                try
                {
                    var version = await ReadVersionAsync(configuration, cancellationToken).ConfigureAwait(false);
                    HarnessLog.UsingRedis(logger, "local:redis-server", configuration, version);
                    return new ProvisionedRedis(configuration, "local:redis-server", version, async () =>
                    {
                        // No persistence is configured, so a kill loses nothing.
                        await Task.Run(Stop).ConfigureAwait(false);
                        registration.Dispose();
                    });
                }
                catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
                {
                    if (stopwatch.Elapsed > TimeSpan.FromSeconds(15))
                    {
                        throw new ProvisioningException($"{binary} did not answer within 15 s:\n{Lines()}", ex);
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            Stop();
            registration.Dispose();
            throw;
        }

        string Lines()
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }
}
