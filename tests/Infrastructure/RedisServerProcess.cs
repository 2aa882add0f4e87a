using System.Diagnostics;
using System.Globalization;
using Perf.Harness.Provisioning;
using StackExchange.Redis;

namespace Perf.Tests.Infrastructure;

/// <summary>
/// A redis-server of one test's own on a fixed port, which the test may kill, start again, freeze (SIGSTOP: connections stay open,
/// nothing answers) and thaw; the assembly's shared Redis is left alone. Skips locally (fails with CI=true) without redis-server.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string binary;
    private Process? process;
    private bool frozen;

    private RedisServerProcess(string binary, int port)
    {
        this.binary = binary;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:40123</c>.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Starts a server on a free port and returns once it answers PING.</summary>
    public static async Task<RedisServerProcess> StartNewAsync(CancellationToken cancellationToken)
    {
        var binary = ExecutableLocator.Find(ExecutableLocator.RedisNames);
        if (binary is null)
        {
            DatabaseServerFixture.SkipOrFail("No redis-server on PATH (apt-get install redis-server)");
        }

        var redis = new RedisServerProcess(binary!, FreePort.Next());
        await redis.StartAsync(cancellationToken);
        return redis;
    }

    /// <summary>Starts the server (again, empty: nothing is persisted) on the same port and returns once it answers PING.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }

        process?.Dispose();
        process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = await ConnectAsync();
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Kills the server (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        process!.Kill();
        process.WaitForExit();
    }

    /// <summary>Stops the process (SIGSTOP): connections stay open and nothing answers, as with a hung or saturated server.</summary>
    public void Freeze()
    {
        Signal("STOP");
        frozen = true;
    }

    /// <summary>Lets a frozen server run again (SIGCONT).</summary>
    public void Thaw()
    {
        Signal("CONT");
        frozen = false;
    }

    /// <summary>How many keys the server holds (DBSIZE).</summary>
    public async Task<long> CountKeysAsync()
    {
        await using var connection = await ConnectAsync();
        return (long)await connection.GetDatabase().ExecuteAsync("DBSIZE");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        if (frozen)
        {
            Thaw();
        }

        if (!process.HasExited)
        {
            Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Configuration }, ConnectTimeout = 2000, AbortOnConnectFail = true });

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process!.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
