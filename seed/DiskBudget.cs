using System.Globalization;
using System.Net;
using Dapper;
using MySqlConnector;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>How much disk a dataset will take per variant, estimated before anything is written, and whether that fits.</summary>
/// <remarks>
/// Bytes per row (the tables' files, data and indexes, as InnoDB wrote them) were measured on the medium preset here
/// (MariaDB 10.11, 16 KiB pages; see seed/README.md); metric windows per raw row are counted on each dataset's own rows.
/// The margin covers what a load needs beyond the finished tables: the sort files of index builds and extents not yet filled.
/// </remarks>
internal static class DiskBudget
{
    /// <summary>Sort-file bytes per row of a variant at the peak of a run's index builds: 3.9 GB in /dev/shm for the medium preset's 32.7M rows into three variants (120 bytes), with a margin.</summary>
    private const double SortBytesPerRow = 150;

    /// <summary>Bytes a metric window takes in the spill file (<see cref="MetricWindowSpill"/>).</summary>
    /// <remarks>
    /// Measured: the small preset's 4,645,363 windows (seed 42, 2025-12-07 to 2026-12-07, into basic) grew the file to
    /// 549,061,404 bytes (118.2 a window), its size read through <c>/proc/PID/fd</c> once a half second while it was open
    /// (2026-12-07, 037b0a7).
    /// </remarks>
    private const double SpillBytesPerWindow = 119;

    /// <summary>Headroom over the estimate of the finished tables.</summary>
    public const double Margin = 1.2;

    // Table files (.ibd) over rows, medium preset, 2026-12-03: basic 8.6 GB, composite 11.0 GB, partitioned 12.8 GB.
    private static readonly Dictionary<SchemaVariant, (double Trade, double Health, double Metric)> BytesPerRow = new()
    {
        [SchemaVariant.Basic] = (193, 140, 300),
        [SchemaVariant.Composite] = (251, 140, 385),
        [SchemaVariant.Partitioned] = (325, 181, 430),
    };

    /// <summary>The estimated bytes one variant takes with the dataset (margin included).</summary>
    /// <param name="windowsPerRawRow">Metric windows per trade and health row (<see cref="Generation.MetricRollup.WindowsPerRawRow"/>), 0 without metrics.</param>
    public static long Estimate(SchemaVariant variant, long trades, long health, double windowsPerRawRow)
    {
        var (trade, healthRow, metric) = BytesPerRow[variant];
        var metricRows = windowsPerRawRow * (trades + health);
        return (long)(Margin * ((trades * trade) + (health * healthRow) + (metricRows * metric)));
    }

    /// <summary>The bytes of sort files the index builds of a dataset's variants hold at once, at most (see <see cref="SortDirectory"/>).</summary>
    public static long SortBytes(long trades, long health, double windowsPerRawRow) =>
        (long)(SortBytesPerRow * (trades + health) * (1 + windowsPerRawRow));

    /// <summary>The bytes of the metric windows' spill file a load writes beside the server's tables (margin included).</summary>
    public static long SpillBytes(long trades, long health, double windowsPerRawRow) =>
        (long)(Margin * SpillBytesPerWindow * windowsPerRawRow * (trades + health));

    /// <summary>The mount point of the file system holding <paramref name="path"/> (the longest one it lies under), to tell whether two directories share their free space.</summary>
    public static string FileSystemOf(string path)
    {
        var full = Under(path);
        return DriveInfo.GetDrives().Select(d => Under(d.RootDirectory.FullName)).Where(full.StartsWith).MaxBy(root => root.Length) ?? Path.GetPathRoot(full)!;

        static string Under(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
    }

    /// <summary>ER_GET_ERRMSG, "Got error %d '%s' from %s": how MariaDB wraps an engine's error with its text; MySqlConnector's enum has no name for it.</summary>
    internal const int GetErrorMessage = 1296;

    /// <summary>Free bytes under which a disk counts as full (<see cref="IsFull"/>).</summary>
    private const long FullBelowBytes = 64L << 20;

    /// <summary>ENOSPC on Linux.</summary>
    private const int NoSpaceErrno = 28;

    /// <summary>Whether the server failed a write because its disk is full.</summary>
    /// <remarks>
    /// InnoDB says "the table is full" when it cannot extend a file, and an index build "temporary file write failure" when
    /// its sort file cannot grow. A statement whose engine error the server wraps (ER_GET_ERRNO, or ER_GET_ERRMSG as a
    /// copy's <c>INSERT … SELECT</c> gets it from MariaDB 10.11: "Got error 59 'Temp file write failure' from InnoDB")
    /// carries the same failure in its text, and so does any statement that fails creating or writing a file on the full
    /// disk (<c>CREATE TABLE</c>: "Can't create table … (errno: 28 "No space left on device")").
    /// </remarks>
    public static bool IsOutOfSpace(MySqlException exception) =>
        exception.ErrorCode is MySqlErrorCode.RecordFileFull or MySqlErrorCode.DiskFull or MySqlErrorCode.TempFileWriteFailure
        || exception.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
        || ((exception.ErrorCode == MySqlErrorCode.GetErrorNumber || exception.Number == GetErrorMessage)
            && exception.Message.Contains("Temp file write failure", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a file write of the seeder's own (a table file copied into the server's data directory) failed for want of disk space.</summary>
    /// <remarks>.NET carries the OS error in <see cref="Exception.HResult"/>: errno ENOSPC (28) on Linux, ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows.</remarks>
    public static bool IsOutOfSpace(IOException exception) =>
        exception.HResult is NoSpaceErrno or unchecked((int)0x80070070) or unchecked((int)0x80070027);

    /// <summary>The bytes each database takes now in the tables <paramref name="counted"/> names (every table when null; 0 when the database does not exist).</summary>
    /// <param name="connection">An open connection to the server.</param>
    /// <param name="databases">The databases.</param>
    /// <param name="counted">Which tables count: a replacing seed frees only the tables it replaces (<see cref="ReplacedTables.IsReplaced"/>), and keeps the others.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyDictionary<string, long>> SizesAsync(MySqlConnection connection, IEnumerable<string> databases, Func<string, bool>? counted, CancellationToken cancellationToken)
    {
        var names = databases.ToArray();
        var rows = await connection.QueryAsync<(string Database, string Table, long Bytes)>(new CommandDefinition(
            """
            SELECT TABLE_SCHEMA, TABLE_NAME, CAST(COALESCE(DATA_LENGTH + INDEX_LENGTH + DATA_FREE, 0) AS SIGNED)
            FROM information_schema.TABLES WHERE TABLE_SCHEMA IN @names
            """, new { names }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var sizes = rows.Where(r => counted is null || counted(r.Table)).GroupBy(r => r.Database, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Bytes), StringComparer.Ordinal);
        return names.ToDictionary(n => n, n => sizes.GetValueOrDefault(n), StringComparer.Ordinal);
    }

    /// <summary>Whether the disk holding <paramref name="directory"/> is full: under 64 MiB free.</summary>
    /// <remarks>
    /// A statement that fails on a full disk does not always say so: an index build whose sort file cannot grow may
    /// report "Index for table … is corrupt" instead, depending on where the write failed. When the server's data
    /// directory is on this machine, its free space after the failure tells.
    /// </remarks>
    public static bool IsFull(string directory) => new DriveInfo(directory).AvailableFreeSpace < FullBelowBytes;

    /// <summary>The free space of the server's data directory when the server runs on this machine; null when it cannot be seen from here.</summary>
    public static async Task<(string Directory, long FreeBytes)?> FreeSpaceAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var host = new MySqlConnectionStringBuilder(connection.ConnectionString).Server;
        var local = host.Split(',').All(h => h is "localhost" or "" || (IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip)))
            || connection.ConnectionString.Contains("Protocol=Unix", StringComparison.OrdinalIgnoreCase);
        var directory = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT @@datadir", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!local || string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return null;
        }

        return (directory, new DriveInfo(directory).AvailableFreeSpace);
    }

    /// <summary>Why the planned writes do not fit, with what would; null when they fit.</summary>
    /// <param name="needed">The bytes each variant to be written needs beyond what its database frees (never negative).</param>
    /// <param name="available">The bytes the run may take.</param>
    /// <param name="limit">What bounds <paramref name="available"/>, for the message.</param>
    /// <param name="trades">The dataset's trades, to say how many would fit.</param>
    /// <param name="neededWithTrades">The bytes all these variants need with the same dataset but another trade count (never decreasing in it).</param>
    /// <remarks>
    /// Health rows do not shrink with the trades, and the space a replaced database frees does not either, so the count
    /// that fits is searched with the estimate itself, not scaled from the total.
    /// </remarks>
    public static string? Check(IReadOnlyDictionary<SchemaVariant, long> needed, long available, string limit, long trades, Func<long, long> neededWithTrades)
    {
        ArgumentNullException.ThrowIfNull(neededWithTrades);
        var total = needed.Values.Sum();
        if (total <= available)
        {
            return null;
        }

        var each = string.Join(", ", needed.Select(n => $"{n.Key.ToString().ToLowerInvariant()} {new ByteSize(n.Value)}"));
        var fits = needed.Where(n => n.Value > 0 && n.Value <= available).Select(n => $"--variants {n.Key.ToString().ToLowerInvariant()} ({new ByteSize(n.Value)})").ToList();
        var withoutTrades = neededWithTrades(0);
        if (withoutTrades > available)
        {
            fits.Add($"no --trades for these variants: the health rows alone need about {new ByteSize(withoutTrades)} (fewer --profiles, fewer days or a longer --health-interval)");
        }
        else
        {
            // The largest multiple of 1000 trades that fits: the estimate never decreases with the trades.
            long low = 0, high = trades / 1000;
            while (low < high)
            {
                var middle = low + ((high - low + 1) / 2);
                (low, high) = neededWithTrades(middle * 1000) <= available ? (middle, high) : (low, middle - 1);
            }

            fits.Add(string.Create(CultureInfo.InvariantCulture, $"about --trades {low * 1000} for these variants"));
        }

        return $"the dataset needs about {new ByteSize(total)} of disk ({each}) but {limit} allows {new ByteSize(available)}; nothing was written. Would fit: {string.Join("; or ", fits)}.";
    }
}
