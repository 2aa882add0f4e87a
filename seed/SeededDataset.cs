using MySqlConnector;
using Perf.Harness.Results;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>What the seeder recorded about the dataset in a database, for the manifests of the runs that read it.</summary>
public static class SeededDataset
{
    /// <summary>Whether <paramref name="exception"/> says the database, or a table the seeder creates, does not exist: nothing was seeded there.</summary>
    public static bool IsMissing(MySqlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ErrorCode is MySqlErrorCode.UnknownDatabase or MySqlErrorCode.NoSuchTable;
    }

    /// <summary>
    /// The dataset in the connection's database: its seed, scale, trade and health rows, and checksum; null when the seeder
    /// recorded none there (no catalog, e.g. rows loaded by other means) or its newest is not complete (an interrupted load
    /// or append: the tables hold rows no checksum describes). Reads only.
    /// </summary>
    public static async Task<DatasetInfo?> DescribeAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var records = await DatasetCatalog.TryReadAsync(connection, cancellationToken).ConfigureAwait(false);
        if (records is not [.., { State: DatasetState.Complete } complete])
        {
            return null;
        }

        // Appended datasets add their rows to the ones before them, as the seeder's own summary counts them; the metric
        // windows are the table's once the newest completed.
        var rows = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [TelemetryTable.Trades.Name] = records.Sum(r => r.TradeRows),
            [TelemetryTable.Health.Name] = records.Sum(r => r.HealthRows),
        };
        if (complete.MetricRows is { } metrics)
        {
            rows[TelemetryTable.Metrics.Name] = metrics;
        }

        return new DatasetInfo(complete.Seed, complete.Scale, rows, complete.Checksum);
    }

    /// <summary>
    /// The dataset the connection's database holds now, its live tables counted: as <see cref="DescribeAsync"/> while the
    /// tables still hold the rows the seeder recorded, otherwise described by its counts alone (see <see cref="AsFound"/>);
    /// null when the seeder recorded none there. Reads only.
    /// </summary>
    public static async Task<DatasetInfo?> DescribeAsFoundAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var recorded = await DescribeAsync(connection, cancellationToken).ConfigureAwait(false);
        return recorded is null ? null : AsFound(recorded, await CountLiveAsync(connection, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Rows per live table in the connection's database, counted.</summary>
    public static async Task<SortedDictionary<string, long>> CountLiveAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in TelemetryTable.Live)
        {
            counts[table.Name] = await SeedTables.CountAsync(connection, table, cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>
    /// Tables counted as <paramref name="found"/>: the seeder's <paramref name="recorded"/> seed, scale and checksum when they
    /// still hold its rows; rows added, deleted or archived since make another dataset, described by its counts alone (no
    /// checksum claims it). <paramref name="how"/> names how the tables were taken (e.g. <c>--no-seed</c>) in the scale.
    /// </summary>
    public static DatasetInfo AsFound(DatasetInfo? recorded, IReadOnlyDictionary<string, long> found, string? how)
    {
        ArgumentNullException.ThrowIfNull(found);
        var unchanged = recorded is not null && recorded.RowCounts.All(r => found.TryGetValue(r.Key, out var rows) && rows == r.Value);
        if (unchanged)
        {
            return recorded! with { RowCounts = found };
        }

        var notes = string.Join("; ", new[] { how, recorded is null ? null : "changed since seeded" }.OfType<string>());
        return new DatasetInfo(0, notes.Length == 0 ? "as found" : $"as found ({notes})", found, null);
    }
}
