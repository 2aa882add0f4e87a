using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Rollups;

/// <summary>Checks the stored windows of <c>dd_telemetry_metrics</c> against a fresh aggregation of the raw rows.</summary>
/// <remarks>
/// For every metric type and window type, the windows overlapping a range (each whole) are aggregated from the raw
/// rows in SQL, weekly and monthly ones included, and compared field by field with the stored windows starting in
/// that whole-window range: a window missing on either side or differing in any value is a mismatch.
/// </remarks>
public static class RollupCheck
{
    private static readonly (string MetricType, Func<MySqlConnection, WindowType, DateTime, DateTime, CancellationToken, Task<IReadOnlyList<AggregatedMetric>>> Compute)[] Sources =
    [
        (TradeMetrics.MetricType, TradeRollup.ComputeAsync),
        (HealthMetrics.MetricType, HealthRollup.ComputeAsync),
    ];

    /// <summary>The aggregations <see cref="CompareAsync"/> runs: one per metric type and window type.</summary>
    public static int Aggregations { get; } = Sources.Length * Enum.GetValues<WindowType>().Length;

    /// <summary>Compares every window type of both metric types overlapping [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="connection">An open connection to the database holding the raw rows and the windows.</param>
    /// <param name="from">The range's start.</param>
    /// <param name="to">The range's end (exclusive).</param>
    /// <param name="aggregated">Called after each aggregation is compared, with how many of <see cref="Aggregations"/> are done and how many windows were compared so far.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>How many windows were compared and a description of each mismatch (empty when all agree).</returns>
    public static async Task<(int Compared, IReadOnlyList<string> Mismatches)> CompareAsync(
        MySqlConnection connection, DateTime from, DateTime to, Action<int, int>? aggregated = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var compared = 0;
        var done = 0;
        var mismatches = new List<string>();
        foreach (var (metricType, compute) in Sources)
        {
            foreach (var windowType in Enum.GetValues<WindowType>())
            {
                var (start, end) = RollupSql.WholeWindows(windowType, from, to);
                var expected = await compute(connection, windowType, from, to, cancellationToken).ConfigureAwait(false);
                var stored = await RollupSql.StoredAsync(connection, metricType, windowType, start, end, cancellationToken).ConfigureAwait(false);
                compared += expected.Count;
                mismatches.AddRange(expected.Except(stored).Select(m => $"computed from raw rows but not stored: {m}"));
                mismatches.AddRange(stored.Except(expected).Select(m => $"stored but not computed from raw rows: {m}"));
                aggregated?.Invoke(++done, compared);
            }
        }

        return (compared, mismatches);
    }
}
