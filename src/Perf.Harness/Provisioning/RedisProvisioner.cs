using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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

    /// <summary>Provisions with injected probes.</summary>
    internal static async Task<ProvisionedRedis?> ProvisionAsync(ProvisioningOptions options, Func<string, string?> getEnvironmentVariable, Func<string?> findRedisServer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = options.Logger ?? NullLogger.Instance;
        var configuration = options.RedisConfiguration ?? getEnvironmentVariable(ConfigurationVariable);
        if (!string.IsNullOrWhiteSpace(configuration))
        {
            string version;
            RedisEndpoint endpoint;
            try
            {
                endpoint = RedisEndpoint.Parse(configuration);
                version = await ReadVersionAsync(endpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or FormatException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new ProvisioningException($"The Redis from {ProvisioningOptions.RedisFlag} or {ConfigurationVariable} does not answer: {ex.Message}", ex);
            }

            HarnessLog.UsingRedis(logger, "configuration", endpoint.Host, version);
            return new ProvisionedRedis(configuration, "configuration", version, stop: null);
        }

        var binary = findRedisServer();
        if (binary is null)
        {
            HarnessLog.NoRedis(logger, "no --redis, no PERF_REDIS and no redis-server on PATH");
            return null;
        }

        return await StartLocalAsync(binary, logger, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ReadVersionAsync(RedisEndpoint endpoint, CancellationToken cancellationToken)
    {
        var info = await RespClient.SendAsync(endpoint, [["INFO", "server"]], ProbeTimeout, cancellationToken).ConfigureAwait(false);
        var line = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("redis_version:", StringComparison.Ordinal));
        return line?["redis_version:".Length..] ?? "unknown";
    }

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
        var endpoint = new RedisEndpoint("127.0.0.1", port, null, null);
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
                    var version = await ReadVersionAsync(endpoint, cancellationToken).ConfigureAwait(false);
                    var configuration = $"127.0.0.1:{port}";
                    HarnessLog.UsingRedis(logger, "local:redis-server", configuration, version);
                    return new ProvisionedRedis(configuration, "local:redis-server", version, async () =>
                    {
                        // No persistence is configured, so a kill loses nothing.
                        await Task.Run(Stop).ConfigureAwait(false);
                        registration.Dispose();
                    });
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
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
