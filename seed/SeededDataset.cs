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
}
