using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>Keeps monthly partitions ahead of the clock and reports rows that landed in the MAXVALUE catch-all.</summary>
/// <remarks>
/// New months are split off <c>p_future</c> by <c>REORGANIZE PARTITION</c>, which is instant only while the catch-all
/// is empty, hence months are created ahead and any row in it is reported. Archive tables get the same months as their
/// live tables so whole months can be exchanged between them. Months past retention are <see cref="RetentionJob"/>'s.
/// </remarks>
public sealed class PartitionMaintenance(MySqlDataSource dataSource, ILogger? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Ensures every partitioned telemetry table has month partitions up to <paramref name="monthsAhead"/> months after <paramref name="now"/>.</summary>
    /// <param name="now">The current instant (UTC).</param>
    /// <param name="monthsAhead">How many months after the current one must exist (0 to 120).</param>
    /// <param name="dryRun">Report the partitions that would be added without adding them.</param>
    /// <param name="cancellationToken">Cancels between tables.</param>
    public async Task<PartitionMaintenanceReport> RunAsync(DateTime now, int monthsAhead, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(monthsAhead);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(monthsAhead, 120);
        var target = new DateOnly(now.Year, now.Month, 1).AddMonths(monthsAhead);
        var added = new Dictionary<string, IReadOnlyList<string>>();
        var catchAll = new Dictionary<string, long>();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in TelemetryTable.All)
        {
            var partitions = await PartitionCatalog.ReadAsync(connection, table, cancellationToken).ConfigureAwait(false);
            var future = partitions.FirstOrDefault(p => p.IsCatchAll);
            if (future is null)
            {
                continue;
            }

            var stray = await PartitionCatalog.CountAsync(connection, table, future, cancellationToken).ConfigureAwait(false);
            catchAll[table.Name] = stray;
            if (stray > 0)
            {
                LifecycleLog.CatchAllNotEmpty(logger, table.Name, stray);
            }

            var months = MissingMonths(partitions, target);
            if (months.Count == 0)
            {
                continue;
            }

            added[table.Name] = [.. months.Select(PartitionPlan.PartitionName)];
            if (dryRun)
            {
                continue;
            }

            var clauses = string.Join(", ", months.Select(PartitionPlan.MonthPartitionClause));
            await connection.ExecuteAsync(new CommandDefinition(
                $"ALTER TABLE `{table.Name}` REORGANIZE PARTITION `{PartitionPlan.FuturePartition}` INTO ({clauses}, PARTITION `{PartitionPlan.FuturePartition}` VALUES LESS THAN (MAXVALUE))",
                commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            LifecycleLog.PartitionsAdded(logger, table.Name, string.Join(", ", added[table.Name]));
        }

        return new PartitionMaintenanceReport(added, catchAll, dryRun);
    }

    /// <summary>The months from the first not yet covered by a bounded partition up to <paramref name="target"/>.</summary>
    internal static IReadOnlyList<DateOnly> MissingMonths(IReadOnlyList<TablePartition> partitions, DateOnly target)
    {
        var highest = partitions.Where(p => !p.IsCatchAll).Select(p => p.UpperBound!.Value).DefaultIfEmpty(DateTime.MinValue).Max();
        if (highest == DateTime.MinValue)
        {
            return [];
        }

        // A bound that is not the first of a month (hand-made partitions) starts the next whole month.
        var next = new DateOnly(highest.Year, highest.Month, 1);
        if (highest != next.ToDateTime(TimeOnly.MinValue))
        {
            next = next.AddMonths(1);
        }

        var months = new List<DateOnly>();
        for (var month = next; month <= target; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        return months;
    }
}
