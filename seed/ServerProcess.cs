using System.ComponentModel;
using System.Diagnostics;
using Dapper;
using MySqlConnector;

namespace Perf.Seed;

/// <summary>The database server's process, when it runs on this machine: the CPU time it spends on a run.</summary>
/// <remarks>
/// A medium seed into three variants keeps both cores of this machine busy, and most of that work is the server's (its
/// statements, index builds and background threads). The server's CPU seconds, printed beside the wall time and the
/// seeder's, say which side a run's time went to (results/2026-12-05-seed-medium).
/// </remarks>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    private readonly TimeSpan atStart;

    private ServerProcess(Process process, TimeSpan atStart)
    {
        this.process = process;
        this.atStart = atStart;
    }

    /// <summary>Finds the server's process from its pid file under <paramref name="dataDirectory"/> (the server's own, on this machine); null when it cannot be read.</summary>
    public static async Task<ServerProcess?> FindAsync(MySqlConnection connection, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var pidFile = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT @@pid_file", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(pidFile))
        {
            return null;
        }

        Process? process = null;
        try
        {
            // A relative pid file is relative to the data directory, as the server resolves it.
            if (!int.TryParse(File.ReadAllText(Path.Combine(dataDirectory, pidFile)).Trim(), out var pid))
            {
                return null;
            }

            // A stale pid file may name another program that took the number.
            process = Process.GetProcessById(pid);
            if (process.ProcessName is not ("mariadbd" or "mysqld"))
            {
                process.Dispose();
                return null;
            }

            return new ServerProcess(process, process.TotalProcessorTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or Win32Exception)
        {
            process?.Dispose();
            return null;
        }
    }

    /// <summary>The CPU seconds the server spent since it was found; null when its process has ended (a restarted server is another process).</summary>
    public double? SecondsSinceFound()
    {
        try
        {
            process.Refresh();
            return process.HasExited ? null : (process.TotalProcessorTime - atStart).TotalSeconds;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => process.Dispose();
}
