using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Rollups;

/// <summary>Recomputes only the windows that rows inserted since the last run fall in, late-arriving rows included; or every window of a range (the daily safety net), under the same retention guards.</summary>
/// <remarks>
/// Rows are found by id (the primary key, so the scan is a range read): a watermark per source remembers the ids already
/// scanned. Ids are handed out before commit, so a row is scanned once more in the run after it was first seen: a write
/// transaction that commits within one run interval is never missed. Rerunning is harmless; upserts are idempotent.
/// </remarks>
public sealed class IncrementalRollup(MySqlDataSource dataSource, ILogger? logger = null)
{
    /// <summary>The table of watermarks (one row per source); created on first use.</summary>
    public const string WatermarkTable = "dd_rollup_watermark";

    private const string CreateWatermarkSql = """
        CREATE TABLE IF NOT EXISTS dd_rollup_watermark (
          `source` VARCHAR(32) NOT NULL PRIMARY KEY,
          `scanned_id` BIGINT NOT NULL,
          `seen_id` BIGINT NOT NULL,
          `updated_at` DATETIME(6) NOT NULL
        ) ENGINE=InnoDB
        """;

    private const string ReadWatermarkSql = "SELECT scanned_id, seen_id FROM dd_rollup_watermark WHERE `source` = @source";

    private const string WriteWatermarkSql = """
        INSERT INTO dd_rollup_watermark (`source`, scanned_id, seen_id, updated_at) VALUES (@source, @scanned, @seen, UTC_TIMESTAMP(6))
        ON DUPLICATE KEY UPDATE scanned_id = VALUES(scanned_id), seen_id = VALUES(seen_id), updated_at = VALUES(updated_at)
        """;

    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Rolls up every source.</summary>
    /// <param name="notBefore">Windows before this, and the day it falls in, are left alone (their raw rows may be archived already); null for no limit.
    /// Pass each source its own retention cutoff with <see cref="RunAsync(RollupSource, DateTime?, DateTime?, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Cancels between statements; the watermark only advances after a source's windows are written.</param>
    public async Task<IReadOnlyList<RollupRunReport>> RunAsync(DateTime? notBefore = null, CancellationToken cancellationToken = default)
    {
        var reports = new List<RollupRunReport>();
        foreach (var source in RollupSource.All)
        {
            reports.Add(await RunAsync(source, notBefore, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        return reports;
    }

    /// <summary>Rolls up one source.</summary>
    /// <param name="source">The raw table.</param>
    /// <param name="notBefore">The source's retention cutoff: windows before it, and the day it falls in, are left alone; null for no limit.</param>
    /// <param name="archivedBefore">The metrics' retention cutoff: no window starting before it is written again, since retention
    /// has moved it to the archive already (and would then find it twice); null for no limit.</param>
    /// <param name="cancellationToken">Cancels between statements; the watermark only advances after the windows are written.</param>
    public async Task<RollupRunReport> RunAsync(RollupSource source, DateTime? notBefore = null, DateTime? archivedBefore = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(CreateWatermarkSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var mark = await connection.QuerySingleOrDefaultAsync<(long Scanned, long Seen)?>(new CommandDefinition(
            ReadWatermarkSql, new { source = source.Name }, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? (0, 0);

        var table = source.Table;
        var maxId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT MAX(id) FROM `{table.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false) ?? mark.Seen;
        var hours = (await connection.QueryAsync<DateTime>(new CommandDefinition(
            $"SELECT DISTINCT CAST(DATE_FORMAT(`{table.TimeColumn}`, '%Y-%m-%d %H:00:00') AS DATETIME) FROM `{table.Name}` WHERE id > @after AND id <= @maxId",
            new { after = mark.Scanned, maxId }, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(h => DateTime.SpecifyKind(h, DateTimeKind.Utc)).ToList();
        var (hourCount, dayCount, weekCount, monthCount, leftAlone, floor) = await RecomputeHoursAsync(connection, source, hours, notBefore, archivedBefore, cancellationToken).ConfigureAwait(false);

        await connection.ExecuteAsync(new CommandDefinition(
            WriteWatermarkSql, new { source = source.Name, scanned = Math.Max(mark.Seen, mark.Scanned), seen = maxId }, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var report = new RollupRunReport(source.Name, mark.Scanned, hourCount, dayCount, weekCount, monthCount, leftAlone, floor);
        LifecycleLog.RollupDone(logger, source.Name, report.Hours, report.Days, report.Weeks, report.Months, mark.Scanned);
        return report;
    }

    /// <summary>Recomputes every window of one source that holds an hour of [<paramref name="from"/>, <paramref name="to"/>), whatever was inserted; the watermark is left as it is.</summary>
    /// <param name="source">The raw table.</param>
    /// <param name="from">The first hour (floored to its hour).</param>
    /// <param name="to">The end of the range, exclusive.</param>
    /// <param name="notBefore">As in <see cref="RunAsync(RollupSource, DateTime?, DateTime?, CancellationToken)"/>: the source's retention cutoff.</param>
    /// <param name="archivedBefore">As there: the metrics' retention cutoff.</param>
    /// <param name="cancellationToken">Cancels between statements.</param>
    public async Task<RollupRangeReport> RecomputeRangeAsync(
        RollupSource source, DateTime from, DateTime to, DateTime? notBefore = null, DateTime? archivedBefore = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var hours = new List<DateTime>();
        for (var hour = WindowType.Hourly.WindowStart(from); hour < to; hour = WindowType.Hourly.WindowEnd(hour))
        {
            hours.Add(hour);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (hourCount, dayCount, weekCount, monthCount, leftAlone, floor) = await RecomputeHoursAsync(connection, source, hours, notBefore, archivedBefore, cancellationToken).ConfigureAwait(false);
        return new RollupRangeReport(source.Name, from, to, hourCount, dayCount, weekCount, monthCount, leftAlone, floor);
    }

    /// <summary>Recomputes the windows of every type holding <paramref name="hours"/>, except those retention has reached.</summary>
    /// <returns>How many windows of each type were recomputed, how many of the hours were left alone, and the first hour that may be recomputed.</returns>
    private static async Task<(int Hours, int Days, int Weeks, int Months, int HoursLeftAlone, DateTime? Floor)> RecomputeHoursAsync(
        MySqlConnection connection, RollupSource source, List<DateTime> hours, DateTime? notBefore, DateTime? archivedBefore, CancellationToken cancellationToken)
    {
        // The cutoffs are taken at the job's clock; retention may have applied later ones already (a backfill's --now in
        // the past), and the rows it moved are gone whatever the clock says.
        var applied = await RetentionCutoffs.ReadAllAsync(connection, cancellationToken).ConfigureAwait(false);
        notBefore = Later(notBefore, applied.For(source.Table));
        archivedBefore = Later(archivedBefore, applied.For(TelemetryTable.Metrics));

        // Retention cuts through the day notBefore falls in: its earlier rows are gone, so recomputing that day (or any
        // of its hours, which would then no longer add up to it) from what is left would shrink it. Start at the next day.
        var floor = notBefore is { } cut && WindowType.Daily.WindowStart(cut) is var day && day != cut ? WindowType.Daily.WindowEnd(day) : notBefore;
        var kept = hours.Where(h => floor is null || h >= floor).ToList();

        // A coarser window starts no later than the finer ones inside it, so one left out never hides a coarser one to recompute.
        var hourStarts = await RecomputeAsync(connection, source, WindowType.Hourly, kept, archivedBefore, cancellationToken).ConfigureAwait(false);
        var days = await RecomputeAsync(connection, source, WindowType.Daily, hourStarts, archivedBefore, cancellationToken).ConfigureAwait(false);
        var weeks = await RecomputeAsync(connection, source, WindowType.Weekly, days, archivedBefore, cancellationToken).ConfigureAwait(false);
        var months = await RecomputeAsync(connection, source, WindowType.Monthly, days, archivedBefore, cancellationToken).ConfigureAwait(false);
        return (hourStarts.Count, days.Count, weeks.Count, months.Count, hours.Count - kept.Count, floor);
    }

    private static DateTime? Later(DateTime? first, DateTime? second) =>
        first is null ? second : second is null ? first : first > second ? first : second;

    /// <summary>Recomputes the windows of one type holding <paramref name="instants"/> and starting at or after <paramref name="archivedBefore"/>, one statement per run of adjacent windows.</summary>
    /// <returns>The distinct window starts recomputed (the instants the next coarser type must cover).</returns>
    private static async Task<IReadOnlyList<DateTime>> RecomputeAsync(
        MySqlConnection connection, RollupSource source, WindowType windowType, IReadOnlyList<DateTime> instants, DateTime? archivedBefore, CancellationToken cancellationToken)
    {
        var starts = instants.Select(instant => windowType.WindowStart(instant)).Where(start => archivedBefore is null || start >= archivedBefore).Distinct().Order().ToList();
        var i = 0;
        while (i < starts.Count)
        {
            var from = starts[i];
            var to = windowType.WindowEnd(from);
            while (++i < starts.Count && starts[i] == to)
            {
                to = windowType.WindowEnd(starts[i]);
            }

            await source.Rollup(connection, windowType, from, to, cancellationToken).ConfigureAwait(false);
        }

        return starts;
    }
}
