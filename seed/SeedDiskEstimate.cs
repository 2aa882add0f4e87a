using MySqlConnector;
using Perf.Seed.Generation;

namespace Perf.Seed;

/// <summary>
/// The seed's own disk estimate, for a caller that writes several datasets and must know they fit together before it
/// writes the first (each seed checks only itself, when it starts).
/// </summary>
public static class SeedDiskEstimate
{
    /// <summary>
    /// The bytes a seed of <paramref name="options"/> takes with every variant it writes (each entry of its variants once:
    /// a caller adding a copy of one lists it twice), counted from nothing (what a
    /// replaced database frees is the caller's to add: <see cref="DatabaseBytesAsync"/>), as the seed's check estimates them: bytes per row measured here, the
    /// metric windows per raw row counted on a sample of the dataset's own rows, the margin included.
    /// </summary>
    public static long Bytes(SeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var plan = DatasetPlan.Create(options.ToSpec(), options.ChunkRows);
        var windowsPerRawRow = options.ComputeMetrics ? MetricRollup.WindowsPerRawRow(plan) : 0;
        return options.Variants.Sum(v => DiskBudget.Estimate(v, plan.TotalTrades, plan.TotalHealth, windowsPerRawRow));
    }

    /// <summary>The bytes <paramref name="databases"/> hold now on the server in the tables a replacing run replaces (0 for a database that does not exist): what such a run frees.</summary>
    public static async Task<long> DatabaseBytesAsync(string serverConnectionString, IEnumerable<string> databases, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await DiskBudget.SizesAsync(connection, databases, ReplacedTables.IsReplaced, cancellationToken).ConfigureAwait(false)).Values.Sum();
    }

    /// <summary>The server's data directory and its free bytes, when the server runs on this machine; null when they cannot be seen from here.</summary>
    public static async Task<(string Directory, long FreeBytes)?> FreeSpaceAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await DiskBudget.FreeSpaceAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}
