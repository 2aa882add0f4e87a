using System.Data;
using Dapper;
using MySqlConnector;
using Perf.Seed.Generation;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>Fills a variant from the source variant once it holds the dataset: its table files when the two keep their rows alike, else its rows; then its indexes, and checks it against the source.</summary>
internal sealed class VariantCopier(SeedContext context, VariantTables variantTables, MetricsFill metrics)
{
    /// <summary>Ids copied between variant databases per statement.</summary>
    private const long CopyBatch = 1_000_000;

    /// <summary>Starts copying the source's rows the target lacks, a batch of ids per statement, the tables side by side, each once its source table is complete.</summary>
    /// <param name="metricsReady">Completes once the source's <c>dd_telemetry_metrics</c> holds its rows; the other tables are complete already.</param>
    /// <returns>Each table's copy, running: whether the table was empty before it, and the rows its statements inserted.</returns>
    public async Task<IReadOnlyDictionary<TelemetryTable, Task<(bool Empty, long Rows)>>> StartCopyAsync(
        VariantAssessment source, VariantAssessment target, DatasetSpec spec, Task metricsReady, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenAsync(target.Database, cancellationToken).ConfigureAwait(false);
        var status = target.Status;
        if (status == VariantStatus.InterruptedLoad)
        {
            // Appending, PrepareAppendAsync drops its rows and record first.
            status = context.Options.Mode == SeedMode.Append ? VariantStatus.AppendNew : VariantStatus.Fresh;
        }

        if (status == VariantStatus.Fresh)
        {
            await variantTables.RecreateAsync(connection, target.Variant, spec, cancellationToken).ConfigureAwait(false);
            await variantTables.InsertRecordAsync(connection, spec, 0, 0, DatasetState.Copying, source.Database, cancellationToken).ConfigureAwait(false);
        }
        else if (status == VariantStatus.AppendNew)
        {
            await variantTables.PrepareAppendAsync(connection, target.Variant, spec, DatasetState.Copying, source.Database, cancellationToken).ConfigureAwait(false);
        }

        await SeedTables.SetAutoStatisticsAsync(connection, enabled: false, cancellationToken).ConfigureAwait(false);

        // Progress counts against the rows of the tables whose copy has begun, and says how many are still to come: the
        // metrics join once they are rolled up.
        var count = new TableProgress(TelemetryTable.Live.Count);
        var detail = $"from {source.Database}";
        return TelemetryTable.Live.ToDictionary(table => table, CopyTableAsync);

        // Each table on a connection of its own: one statement keeps one server thread busy.
        async Task<(bool Empty, long Rows)> CopyTableAsync(TelemetryTable table)
        {
            await using var tableConnection = await context.OpenAsync(target.Database, cancellationToken).ConfigureAwait(false);

            // Trades and health resume after the ids already copied. Metrics are copied whole: an append's SQL rollup
            // updates existing windows in place, so their ids do not tell what changed.
            if (table == TelemetryTable.Metrics)
            {
                await metricsReady.ConfigureAwait(false);
                await tableConnection.ExecuteAsync(new CommandDefinition($"TRUNCATE TABLE `{table.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var from = await SeedTables.MaxIdAsync(tableConnection, table, cancellationToken).ConfigureAwait(false);
            var to = await SeedTables.MaxIdAsync(tableConnection, source.Database, table, cancellationToken).ConfigureAwait(false);
            context.Timeline.Report(SeedPhase.Copying, target.Database, count.Join(Math.Max(0, to - from)), detail);
            long tableRows = 0;
            for (var after = from; after < to; after += CopyBatch)
            {
                var rows = await SeedTables.CopyRangeAsync(tableConnection, source.Database, table, after, Math.Min(after + CopyBatch, to), cancellationToken).ConfigureAwait(false);
                tableRows += rows;
                context.Wrote(rows);
                context.Timeline.Report(SeedPhase.Copying, target.Database, count.Add(rows), detail);
            }

            return (Empty: from == 0, Rows: tableRows);
        }
    }

    /// <summary>
    /// Fills a copy with the source's table files (<see cref="TablespaceExport"/>) once the source is complete, when the two
    /// keep their rows alike and the files are in reach; false when a row copy must do (the target untouched, or recreated
    /// empty when the server refused the import).
    /// </summary>
    /// <remarks>
    /// The files carry the source's indexes too, so the copy builds only the indexes it has beyond them. Its live tables are
    /// created <c>LIKE</c> the source's, so the import's schema check compares equal definitions.
    /// </remarks>
    public async Task<bool> ImportAsync(VariantAssessment source, VariantAssessment target, DatasetSpec spec, Task sourceFinished, CancellationToken cancellationToken)
    {
        if (!context.Options.ImportTablespaces || context.Options.Mode == SeedMode.Append || !Importable(source.Variant, target.Variant))
        {
            return false;
        }

        await sourceFinished.ConfigureAwait(false);
        await using var exporter = await context.OpenAsync(source.Database, cancellationToken).ConfigureAwait(false);
        var export = await TablespaceExport.TryStartAsync(exporter, TelemetryTable.Live, cancellationToken).ConfigureAwait(false);
        if (export is null)
        {
            return false;
        }

        await using var connection = await context.OpenAsync(target.Database, cancellationToken).ConfigureAwait(false);
        await using (export.ConfigureAwait(false))
        {
            await ClearAsync(export).ConfigureAwait(false);
            await variantTables.InsertRecordAsync(connection, spec, 0, 0, DatasetState.Copying, source.Database, cancellationToken).ConfigureAwait(false);
            var total = export.Bytes;
            long before = 0;
            var detail = $"table files from {source.Database}";
            context.Timeline.Report(SeedPhase.Copying, target.Database, 0, Mib(total), detail, "MiB");
            foreach (var table in export.Tables)
            {
                foreach (var sql in (string[])[$"DROP TABLE `{table.Name}`", $"CREATE TABLE `{table.Name}` LIKE `{source.Database}`.`{table.Name}`", $"ALTER TABLE `{table.Name}` DISCARD TABLESPACE"])
                {
                    await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                before += await export.CopyAsync(target.Database, table, done => context.Timeline.Report(SeedPhase.Copying, target.Database, Mib(before + done), Mib(total), detail, "MiB"), cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            foreach (var table in export.Tables)
            {
                await connection.ExecuteAsync(new CommandDefinition($"ALTER TABLE `{table.Name}` IMPORT TABLESPACE", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                export.RemoveMetadata(target.Database, table);
            }
        }
        catch (MySqlException) when (connection.State == ConnectionState.Open)
        {
            // Refused (e.g. the server runs as another user and cannot open files written by this one): copy rows instead.
            await ClearAsync(export).ConfigureAwait(false);
            return false;
        }

        return true;

        static long Mib(long bytes) => bytes >> 20;

        // Starts the target over: an interrupted import can leave a discarded table beside its copied file, and a CREATE that
        // failed on a full disk a table InnoDB knows and the server does not; dropping the whole database clears both. But a
        // database holding tables that are not the seeder's (a lifecycle job's history, say) keeps them, as a replacing
        // load does elsewhere: only its own tables are dropped, and their stray files removed.
        async Task ClearAsync(TablespaceExport files)
        {
            foreach (var table in files.Tables)
            {
                await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE IF EXISTS `{table.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
                files.RemoveStrayFiles(target.Database, table);
            }

            if (!(await ReplacedTables.TablesAsync(connection, target.Database, cancellationToken).ConfigureAwait(false)).Any(t => !ReplacedTables.IsReplaced(t)))
            {
                await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE `{target.Database}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(SeedTables.CreateDatabaseSql(target.Database), cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ChangeDatabaseAsync(target.Database, cancellationToken).ConfigureAwait(false);
            }

            await variantTables.RecreateAsync(connection, target.Variant, spec, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="target"/>'s tables can be <paramref name="source"/>'s files with indexes of its own added: neither is partitioned, and the target has every index the source builds.</summary>
    private static bool Importable(SchemaVariant source, SchemaVariant target) =>
        source != SchemaVariant.Partitioned && target != SchemaVariant.Partitioned
        && VariantTables.BuiltAfterLoad(source).All(index => VariantTables.BuiltAfterLoad(target).Any(other => other.Table == index.Table && other.Name == index.Name));

    /// <summary>Builds a copy's indexes, checks every table against the source, and takes the source's catalog once it is complete.</summary>
    /// <param name="copies">
    /// A row copy's tables, running (<see cref="StartCopyAsync"/>): each table's indexes are built once its copy ends. A table
    /// filled from empty is checked by the rows its statements inserted; the other tables are counted. Null for an import
    /// (<see cref="ImportAsync"/>): its tables are the source's files, byte for byte, copied while the source was held for
    /// export, so they hold the source's rows and there is nothing to count.
    /// </param>
    public async Task FinishCopyAsync(
        VariantAssessment source, VariantAssessment target, DatasetSpec spec, bool checkMetrics, Task sourceFinished,
        Task<IReadOnlyDictionary<TelemetryTable, long>> sourceRows, IReadOnlyDictionary<TelemetryTable, Task<(bool Empty, long Rows)>>? copies, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenAsync(target.Database, cancellationToken).ConfigureAwait(false);
        await variantTables.BuildIndexesAsync(connection, target, table => copies?[table] ?? Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        var there = await sourceRows.ConfigureAwait(false);
        if (copies is null)
        {
            context.Wrote(there.Values.Sum());
        }
        else
        {
            var copied = await Task.WhenAll(copies.Select(async c => (Table: c.Key, Copy: await c.Value.ConfigureAwait(false)))).ConfigureAwait(false);
            var filled = copied.Where(c => c.Copy.Empty).ToDictionary(c => c.Table, c => c.Copy.Rows);
            var here = await variantTables.CountRowsAsync(target.Database, filled, cancellationToken).ConfigureAwait(false);
            foreach (var table in TelemetryTable.Live)
            {
                if (here[table] != there[table])
                {
                    throw new SeedException($"{target.Database}.{table.Name} holds {here[table]} rows after the copy; {source.Database} holds {there[table]}.");
                }
            }
        }

        if (checkMetrics)
        {
            await metrics.CheckAsync(connection, target.Database, spec, cancellationToken).ConfigureAwait(false);
        }

        await sourceFinished.ConfigureAwait(false);
        await SeedTables.CopyCatalogAsync(connection, source.Database, cancellationToken).ConfigureAwait(false);
    }
}
