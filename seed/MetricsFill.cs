using System.Globalization;
using Dapper;
using MySqlConnector;
using Perf.Seed.Generation;
using Telemetry.Data.Model;
using Telemetry.Data.Rollups;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Seed;

/// <summary>Fills a variant's <c>dd_telemetry_metrics</c> with the windows of the dataset its raw tables hold, and checks them against SQL on a sample.</summary>
internal sealed class MetricsFill(SeedContext context)
{
    /// <summary>Lets the rollup's GROUP BY stay in memory (the server allocates only what it uses).</summary>
    private const string RollupSessionSql = "SET SESSION tmp_table_size = 1073741824, SESSION max_heap_table_size = 1073741824";

    /// <summary>Fills <paramref name="database"/>'s <c>dd_telemetry_metrics</c> from the dataset it now holds, and checks the result.</summary>
    /// <remarks>
    /// Into tables that held nothing before this dataset, the windows are computed from the generator's own rows
    /// (<see cref="MetricRollup"/>) and go in with one LOAD DATA: a bulk load instead of the rollup's GROUP BY over every
    /// raw row. When this run loaded every chunk, they were rolled up from the very rows loaded, as they loaded, and wait
    /// in a file (<paramref name="windows"/>). Otherwise (the load resumed after an interruption) the chunks are generated
    /// again, in parallel, and must digest to what was loaded. Either way a sample of windows must equal SQL's aggregation
    /// of the loaded rows (<see cref="RollupCheck"/>, after the indexes). When the tables already held other rows
    /// (<c>--append</c>), windows must merge with theirs: the SQL rollup recomputes them from all raw rows.
    /// </remarks>
    public async Task FillAsync(string database, DatasetRecord record, DatasetSpec spec, MetricWindowSpill? windows, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        if (record.TradeIdBase > 0 || record.HealthIdBase > 0)
        {
            await RollupInSqlAsync(connection, database, spec, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The load must start on an empty table for InnoDB's bulk path (a rerun after an interruption starts over).
        await connection.ExecuteAsync(new CommandDefinition($"TRUNCATE TABLE `{TelemetryTable.Metrics.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (windows is not null)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var inserted = await windows.LoadAsync(connection, transaction, (done, total) => context.Timeline.Report(SeedPhase.RollingUp, database, done, total, "rolled up during the load"), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            context.Wrote(inserted);
            return;
        }

        var plan = DatasetPlan.Create(spec, record.ChunkRows);
        var generator = new ChunkGenerator(plan, record.TradeIdBase, record.HealthIdBase);
        var digests = new List<byte[]>();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var rows = RollUp(plan, generator, database, digests, cancellationToken);
            var inserted = await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Metrics, rows, TelemetryColumns.Metrics, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            context.Wrote(inserted);
        }

        var loaded = await DatasetCatalog.DayDigestsAsync(connection, record.DatasetId, cancellationToken).ConfigureAwait(false);
        if (!loaded.AsSpan().SequenceEqual(digests.SelectMany(d => d).ToArray()))
        {
            throw new SeedException($"The rows regenerated for the metrics of {database} do not digest to the rows loaded; generator or data changed underneath.");
        }
    }

    /// <summary>The metric rows of the whole dataset, in order: chunks generated and aggregated a few ahead on the thread pool, combined in order.</summary>
    private IEnumerable<AggregatedMetric> RollUp(DatasetPlan plan, ChunkGenerator generator, string database, List<byte[]> digests, CancellationToken cancellationToken)
    {
        var rollup = new MetricRollup(plan);
        var pending = new Queue<Task<(MetricRollup.ChunkWindows Windows, byte[] Digests)>>();
        var total = plan.Chunks.Sum(c => c.Rows);
        long done = 0;
        var next = 0;
        void StartNext()
        {
            if (next < plan.Chunks.Count)
            {
                var chunk = plan.Chunks[next++];
                pending.Enqueue(Task.Run(() =>
                {
                    var rows = generator.Generate(chunk);
                    return (MetricRollup.Aggregate(rows), rows.DayDigests);
                }, cancellationToken));
            }
        }

        for (var i = 0; i < context.Options.GenerateAhead + 1; i++)
        {
            StartNext();
        }

        context.Timeline.Report(SeedPhase.RollingUp, database, 0, total, "from the generated rows");
        while (pending.TryDequeue(out var task))
        {
            var (windows, dayDigests) = task.GetAwaiter().GetResult();
            StartNext();
            digests.Add(dayDigests);
            foreach (var row in rollup.Add(windows))
            {
                yield return row;
            }

            done += windows.Plan.Rows;
            context.Timeline.Report(SeedPhase.RollingUp, database, done, total, "from the generated rows");
        }

        foreach (var row in rollup.Finish())
        {
            yield return row;
        }
    }

    /// <summary>Recomputes the dataset's windows from all raw rows in SQL (see <see cref="FillAsync"/>).</summary>
    private async Task RollupInSqlAsync(MySqlConnection connection, string database, DatasetSpec spec, CancellationToken cancellationToken)
    {
        // The rollup groups millions of rows; an in-memory temporary table is several times faster than one spilled to disk.
        await connection.ExecuteAsync(new CommandDefinition(RollupSessionSql, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // One pass over the range: the source has no index leading with the time column, so slices would each scan it all.
        context.Timeline.Report(SeedPhase.RollingUp, database, 0, 0, "in SQL, over all rows");
        await TradeRollup.RollupAsync(connection, spec.FromUtc, spec.ToUtc, cancellationToken).ConfigureAwait(false);
        if (spec.HealthIntervalMinutes > 0)
        {
            await HealthRollup.RollupAsync(connection, spec.FromUtc, spec.ToUtc, cancellationToken).ConfigureAwait(false);
        }

        context.Wrote(await SeedTables.CountAsync(connection, TelemetryTable.Metrics, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Checks a sample of the metric windows against SQL's aggregation of the loaded rows: the middle trading day's hourly and daily windows, and the week and month around it.</summary>
    /// <remarks>Runs where the raw rows are cheapest to read by time: on the partitioned copy one month is one partition.</remarks>
    public async Task CheckAsync(MySqlConnection connection, string database, DatasetSpec spec, CancellationToken cancellationToken)
    {
        const string Detail = "metrics against SQL on a sample";
        context.Timeline.Report(SeedPhase.Checking, database, 0, RollupCheck.Aggregations, Detail, "aggregations");
        var days = MarketCalendar.TradingDays(spec.From, spec.To);
        var day = days[days.Count / 2].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var (compared, mismatches) = await RollupCheck.CompareAsync(
            connection, day, day.AddDays(1), (done, windows) => context.Timeline.Report(SeedPhase.Checking, database, done, RollupCheck.Aggregations, string.Create(CultureInfo.InvariantCulture, $"{Detail}, {windows:N0} windows so far"), "aggregations"), cancellationToken).ConfigureAwait(false);
        if (mismatches.Count > 0)
        {
            throw new SeedException($"{database}: {mismatches.Count} of {compared} sampled metric windows differ from the raw rows' aggregation; first: {mismatches[0]}");
        }
    }
}
