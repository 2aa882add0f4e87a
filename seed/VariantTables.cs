using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Perf.Seed.Generation;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>A variant database's tables through a seed: created for the dataset (secondary indexes dropped until the rows are in), its catalog record, its indexes built at the end, its rows counted.</summary>
internal sealed class VariantTables(SeedContext context)
{
    /// <summary>The rows of each live table of <paramref name="database"/>: those in <paramref name="known"/> as given, the others counted side by side (one connection each).</summary>
    public async Task<IReadOnlyDictionary<TelemetryTable, long>> CountRowsAsync(string database, Dictionary<TelemetryTable, long>? known, CancellationToken cancellationToken)
    {
        var tables = TelemetryTable.Live.ToList();
        var counted = known?.Count ?? 0;
        context.Timeline.Report(SeedPhase.Checking, database, counted, tables.Count, "row counts", "tables");
        var counts = await Task.WhenAll(tables.Select(async table =>
        {
            if (known is not null && known.TryGetValue(table, out var given))
            {
                return (Table: table, Rows: given);
            }

            await using var connection = await context.OpenAsync(database, cancellationToken).ConfigureAwait(false);
            var rows = await SeedTables.CountAsync(connection, table, cancellationToken).ConfigureAwait(false);
            context.Timeline.Report(SeedPhase.Checking, database, Interlocked.Increment(ref counted), tables.Count, "row counts", "tables");
            return (Table: table, Rows: rows);
        })).ConfigureAwait(false);
        return counts.ToDictionary(c => c.Table, c => c.Rows);
    }

    /// <summary>Drops the variant's tables and creates them again, empty, for <paramref name="spec"/>'s months: without the indexes built after the load (<see cref="BuiltAfterLoad"/>) when the options build them then.</summary>
    public async Task RecreateAsync(MySqlConnection connection, SchemaVariant variant, DatasetSpec spec, CancellationToken cancellationToken)
    {
        await SeedTables.DropAllAsync(connection, cancellationToken).ConfigureAwait(false);
        await SchemaBuilder.BuildAsync(connection, variant, PartitionPlan.Covering(spec.FromUtc, spec.ToUtc, monthsAhead: 3), cancellationToken).ConfigureAwait(false);
        await DatasetCatalog.CreateAsync(connection, cancellationToken).ConfigureAwait(false);
        if (context.Options.IndexesAfterLoad)
        {
            await IndexMigration.DropAsync(connection, BuiltAfterLoad(variant), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Readies tables that already hold datasets for one more (<c>--append</c>): the schema brought up to date, an unfinished dataset removed, the new one's ids after the last.</summary>
    public async Task<DatasetRecord> PrepareAppendAsync(MySqlConnection connection, SchemaVariant variant, DatasetSpec spec, DatasetState state, string? sourceDatabase, CancellationToken cancellationToken)
    {
        await SchemaBuilder.BuildAsync(connection, variant, PartitionPlan.Covering(spec.FromUtc, spec.ToUtc, monthsAhead: 3), cancellationToken).ConfigureAwait(false);

        // A dataset an interrupted run left incomplete, which this run does not resume: its rows and record go, so the new
        // dataset follows complete ones only and the row counts summed over the records are the rows there.
        foreach (var stale in (await DatasetCatalog.ReadAsync(connection, cancellationToken).ConfigureAwait(false)).Where(r => r.State != DatasetState.Complete).Reverse())
        {
            await AbandonAsync(connection, stale, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM perf_dataset WHERE dataset_id = @id", new { id = stale.DatasetId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var tradeBase = await SeedTables.MaxIdAsync(connection, TelemetryTable.Trades, cancellationToken).ConfigureAwait(false);
        var healthBase = await SeedTables.MaxIdAsync(connection, TelemetryTable.Health, cancellationToken).ConfigureAwait(false);
        if (context.Options.IndexesAfterLoad && tradeBase == 0 && healthBase == 0)
        {
            await IndexMigration.DropAsync(connection, BuiltAfterLoad(variant), cancellationToken).ConfigureAwait(false);
        }

        return await InsertRecordAsync(connection, spec, tradeBase, healthBase, state, sourceDatabase, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the dataset in the variant's catalog (<c>perf_dataset</c>) in <paramref name="state"/>.</summary>
    public async Task<DatasetRecord> InsertRecordAsync(MySqlConnection connection, DatasetSpec spec, long tradeBase, long healthBase, DatasetState state, string? sourceDatabase, CancellationToken cancellationToken)
    {
        var plan = DatasetPlan.Create(spec, context.Options.ChunkRows);
        var record = new DatasetRecord(0, spec.Fingerprint, spec.Canonical, spec.Seed, context.Options.Scale, DatasetSpec.GeneratorVersion,
            tradeBase, healthBase, plan.TotalTrades, plan.TotalHealth, context.Options.ChunkRows, state, null, sourceDatabase);
        var id = await DatasetCatalog.InsertAsync(connection, record, cancellationToken).ConfigureAwait(false);
        return record with { DatasetId = id };
    }

    /// <summary>Removes a dataset's rows and chunk records so it can be loaded again from the generator.</summary>
    public static async Task<DatasetRecord> AbandonAsync(MySqlConnection connection, DatasetRecord record, CancellationToken cancellationToken)
    {
        await SeedTables.DeleteAfterAsync(connection, TelemetryTable.Trades, record.TradeIdBase, cancellationToken).ConfigureAwait(false);
        await SeedTables.DeleteAfterAsync(connection, TelemetryTable.Health, record.HealthIdBase, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM perf_dataset_chunk WHERE dataset_id = @id", new { id = record.DatasetId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await DatasetCatalog.SetStateAsync(connection, record.DatasetId, DatasetState.Loading, cancellationToken).ConfigureAwait(false);
        return record with { State = DatasetState.Loading };
    }

    /// <summary>The indexes dropped before loading empty tables and built at the end: the variant's, and the metrics' unique window key.</summary>
    /// <remarks>Metric rows are unique by construction (generated windows, or copied from a table that has the key); building the key at the end checks that.</remarks>
    public static IReadOnlyList<IndexDefinition> BuiltAfterLoad(SchemaVariant variant) => [TelemetryIndexes.MetricsWindowKey, .. TelemetryIndexes.For(variant)];

    /// <summary>Builds the variant's missing indexes, the tables side by side (one ALTER builds all of a table's indexes in one pass), then takes fresh statistics.</summary>
    /// <param name="filled">Completes once a table holds all its rows: its indexes are built from then on.</param>
    public async Task BuildIndexesAsync(MySqlConnection connection, VariantAssessment target, Func<TelemetryTable, Task> filled, CancellationToken cancellationToken)
    {
        // Progress, from the first table filled, counts the rows of the tables indexed so far, of those filled so far, and
        // says how many tables are still to come; the largest id stands in for the row count (exact after a fresh load).
        var count = new TableProgress(TelemetryTable.Live.Count);
        await Task.WhenAll(TelemetryTable.Live.Select(async table =>
        {
            await filled(table).ConfigureAwait(false);

            // Each table on a connection of its own: an index build sorts on one server thread.
            await using var tableConnection = await context.OpenAsync(target.Database, cancellationToken).ConfigureAwait(false);
            if (context.SortDirectory is { } sortDirectory)
            {
                await sortDirectory.UseAsync(tableConnection, cancellationToken).ConfigureAwait(false);
            }

            var rows = await SeedTables.MaxIdAsync(tableConnection, table, cancellationToken).ConfigureAwait(false);
            context.Timeline.Report(SeedPhase.Indexing, target.Database, count.Join(rows), null);
            // One statement per table: between its start and its end only the server's estimate moves the count.
            await using (await IndexBuildWatch.StartAsync(context.DataSource, target.Database, table.Name, IndexBuildWatch.DefaultInterval, fraction => context.Timeline.Report(SeedPhase.Indexing, target.Database, count.Estimate(table.Name, (long)(rows * fraction)), $"{table.Name} by the server's estimate"), cancellationToken).ConfigureAwait(false))
            {
                await IndexMigration.ApplyAsync(tableConnection, BuiltAfterLoad(target.Variant).Where(i => i.Table == table), cancellationToken).ConfigureAwait(false);
            }

            context.Timeline.Report(SeedPhase.Indexing, target.Database, count.Add(rows, table.Name), null);
        })).ConfigureAwait(false);

        // Archive tables mirror the live ones so partitions can be exchanged between them (empty here: instant).
        await SchemaBuilder.ApplyIndexesAsync(connection, target.Variant, cancellationToken).ConfigureAwait(false);

        // InnoDB did not recalculate statistics while the rows went in (SeedTables.SetAutoStatisticsAsync): every variant
        // starts its measurements from statistics taken once on its complete tables, as the nightly ANALYZE job leaves them.
        var indexed = count.Add(0).Total;
        context.Timeline.Report(SeedPhase.Indexing, target.Database, indexed, indexed, "statistics (ANALYZE TABLE)");
        await SeedTables.SetAutoStatisticsAsync(connection, enabled: true, cancellationToken).ConfigureAwait(false);
        var analyzed = await IndexMaintenance.AnalyzeAsync(connection, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        if (analyzed.FirstOrDefault(a => !a.Ok) is { } failed)
        {
            throw new SeedException($"{target.Database}.{failed.Table}: ANALYZE TABLE answered {failed.Status}");
        }
    }
}
