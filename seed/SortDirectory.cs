using System.Data;
using Dapper;
using MySqlConnector;
using Perf.Harness.Results;

namespace Perf.Seed;

/// <summary>A directory in memory (tmpfs) where the server sorts for its index builds (<c>innodb_tmpdir</c>), used when the server runs on this machine and memory allows.</summary>
/// <remarks>
/// An index build sorts its keys in temporary files, merged pass by pass, and the merges write them over and over. Rebuilding
/// two indexes of the 20.6M metric windows (medium) wrote 19.2 GB to disk with the files in the server's tmpdir and 2.4 GB
/// (the indexes themselves, written twice through the doublewrite buffer) with the files in <c>/dev/shm</c>, in 68 s instead
/// of 78 s with nothing else running (measured by hand: git history at 81b52d3, results/2026-12-04-seed-server-costs). InnoDB unlinks a sort file as it creates it:
/// nothing stays behind in the directory, even after kill -9.
/// </remarks>
internal sealed class SortDirectory : IDisposable
{
    private const string SharedMemory = "/dev/shm";

    private const string Prefix = "perf-seed-sort-";

    private SortDirectory(string path) => Path = path;

    /// <summary>The directory, writable by any user (the server may run as another), with the sticky bit like <c>/tmp</c>.</summary>
    public string Path { get; }

    /// <summary>Creates the directory when a tmpfs at <c>/dev/shm</c> has <paramref name="neededBytes"/> free and they are at most half the memory available; else null.</summary>
    public static SortDirectory? TryCreate(long neededBytes)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(SharedMemory))
        {
            return null;
        }

        var drive = new DriveInfo(SharedMemory);
        if (drive.DriveFormat != "tmpfs" || drive.AvailableFreeSpace < neededBytes || MachineInfo.AvailableMemoryBytes() is not { } available || available < 2 * neededBytes)
        {
            return null;
        }

        RemoveOrphans();
        var path = System.IO.Path.Combine(SharedMemory, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit);
        return new SortDirectory(path);
    }

    /// <summary>Has the index builds of <paramref name="connection"/>'s session sort here.</summary>
    public async Task UseAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SET SESSION innodb_tmpdir = @path", new { path = Path }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (MySqlException) when (connection.State == ConnectionState.Open)
        {
            // The server cannot write there (it runs as a user or in a namespace that cannot): it sorts in its own tmpdir.
            // A lost connection is not that answer: it goes up as the run's failure.
        }
    }

    // Directories of seeders killed before they could remove theirs (empty: InnoDB's files in them were unlinked).
    private static void RemoveOrphans()
    {
        foreach (var directory in Directory.EnumerateDirectories(SharedMemory, Prefix + "*"))
        {
            var name = System.IO.Path.GetFileName(directory);
            if (int.TryParse(name.AsSpan(Prefix.Length, Math.Max(0, name.IndexOf('-', Prefix.Length) - Prefix.Length)), out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                new SortDirectory(directory).Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Already gone; InnoDB's files in it were unlinked as they were made.
        }
    }
}
