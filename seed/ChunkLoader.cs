using System.Threading.Channels;
using MySqlConnector;
using Perf.Seed.Generation;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Seed;

/// <summary>Loads a dataset's generated chunks into one variant's tables, each chunk committed with its catalog row, and checks that every row is in once.</summary>
/// <remarks>
/// Into empty tables the leading chunks go in one transaction (InnoDB's bulk path); the others, or all after an interruption,
/// a chunk per transaction, so a rerun loads exactly the chunks not yet committed.
/// </remarks>
internal sealed class ChunkLoader(SeedContext context)
{
    /// <summary>Loads the chunks not yet committed.</summary>
    /// <returns>When the metrics are wanted and every chunk loads now into empty tables, their windows, rolled up from the chunks as they loaded; else null.</returns>
    public async Task<MetricWindowSpill?> LoadAsync(MySqlConnection connection, string database, DatasetPlan plan, DatasetRecord record, CancellationToken cancellationToken)
    {
        var done = await DatasetCatalog.DoneChunksAsync(connection, record.DatasetId, cancellationToken).ConfigureAwait(false);
        var pending = plan.Chunks.Where(c => !done.Contains(c.Index)).ToList();
        var total = plan.Chunks.Sum(c => c.Rows);
        var loaded = total - pending.Sum(c => c.Rows);
        context.Timeline.Report(SeedPhase.Loading, database, loaded, total, null);

        var windows = context.Options.ComputeMetrics && done.Count == 0 && record.TradeIdBase == 0 && record.HealthIdBase == 0
            ? new MetricWindowSpill(plan, context.Options.GenerateAhead, context.SpillDirectory)
            : null;
        try
        {
            await LoadPendingAsync(connection, database, plan, record, pending, loaded, total, windows, cancellationToken).ConfigureAwait(false);
            return windows;
        }
        catch
        {
            windows?.Dispose();
            throw;
        }
    }

    private async Task LoadPendingAsync(
        MySqlConnection connection, string database, DatasetPlan plan, DatasetRecord record, List<ChunkPlan> pending, long loaded, long total,
        MetricWindowSpill? windows, CancellationToken cancellationToken)
    {
        var generator = new ChunkGenerator(plan, record.TradeIdBase, record.HealthIdBase);
        if (loaded == 0 && pending.Count > 0
            && await SeedTables.MaxIdAsync(connection, TelemetryTable.Trades, cancellationToken).ConfigureAwait(false) == 0
            && await SeedTables.MaxIdAsync(connection, TelemetryTable.Health, cancellationToken).ConfigureAwait(false) == 0)
        {
            var segment = new List<ChunkPlan>();
            long segmentRows = 0;
            foreach (var chunk in pending)
            {
                if (segment.Count > 0 && segmentRows + chunk.Rows > context.Options.BulkSegmentRows)
                {
                    break;
                }

                segment.Add(chunk);
                segmentRows += chunk.Rows;
            }

            await LoadSegmentAsync(connection, database, generator, segment, record, loaded, total, windows, cancellationToken).ConfigureAwait(false);
            loaded += segmentRows;
            context.Wrote(segmentRows);
            pending = pending.Skip(segment.Count).ToList();
            context.Timeline.Report(SeedPhase.Loading, database, loaded, total, null);
        }

        var channel = Channel.CreateBounded<Task<GeneratedChunk>>(new BoundedChannelOptions(Math.Max(1, context.Options.GenerateAhead - 1))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Generation runs ahead of the loader on the thread pool; the bounded channel caps the chunks held in memory
        // (one waiting in the channel and one being generated, like the segment's feed, besides the one loading).
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in pending)
                {
                    await channel.Writer.WriteAsync(Task.Run(() => generator.Generate(chunk), stop.Token), stop.Token).ConfigureAwait(false);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var next in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var chunk = await next.ConfigureAwait(false);
                var digests = chunk.DayDigests;
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
                {
                    await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Trades, chunk.Trades, TelemetryColumns.TradesWithId, cancellationToken).ConfigureAwait(false);
                    if (chunk.Health.Length > 0)
                    {
                        await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Health, chunk.Health, TelemetryColumns.HealthWithId, cancellationToken).ConfigureAwait(false);
                    }

                    await DatasetCatalog.InsertChunkAsync(connection, transaction, record.DatasetId, chunk.Plan.Index, chunk.Plan.TradeRows, chunk.Plan.HealthRows, digests, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                windows?.Add(chunk);

                loaded += chunk.Plan.Rows;
                context.Wrote(chunk.Plan.Rows);
                context.Timeline.Report(SeedPhase.Loading, database, loaded, total, null);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>Loads the leading chunks into empty tables in one transaction: all trades in one LOAD DATA, then all health rows in another.</summary>
    /// <param name="windows">When given, each chunk's metric windows are rolled up as its trades load; the chunks are then generated whole and their health rows kept for the second LOAD DATA.</param>
    private async Task LoadSegmentAsync(
        MySqlConnection connection, string database, ChunkGenerator generator, IReadOnlyList<ChunkPlan> segment, DatasetRecord record, long loaded, long total,
        MetricWindowSpill? windows, CancellationToken cancellationToken)
    {
        var tradeDigests = new Dictionary<int, byte[]>();
        var healthDigests = new Dictionary<int, byte[]>();
        var keptHealth = new List<GeneratedChunk>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var feed = new ChunkFeed(generator, segment, windows is null ? ChunkParts.Trades : ChunkParts.All, context.Options.GenerateAhead, cancellationToken))
        {
            var rows = feed.Chunks.SelectMany(chunk =>
            {
                tradeDigests[chunk.Plan.Index] = chunk.TradeDigests!;
                context.Timeline.Report(SeedPhase.Loading, database, loaded, total, null);
                loaded += chunk.Plan.TradeRows;
                if (windows is not null)
                {
                    windows.Add(chunk);
                    keptHealth.Add(chunk with { Trades = [] });
                }

                return chunk.Trades;
            });
            await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Trades, rows, TelemetryColumns.TradesWithId, cancellationToken).ConfigureAwait(false);
        }

        using (var feed = windows is null ? new ChunkFeed(generator, segment, ChunkParts.Health, context.Options.GenerateAhead, cancellationToken) : null)
        {
            var chunks = feed?.Chunks ?? keptHealth;
            var rows = chunks.SelectMany(chunk =>
            {
                healthDigests[chunk.Plan.Index] = chunk.HealthDigests!;
                context.Timeline.Report(SeedPhase.Loading, database, loaded, total, null);
                loaded += chunk.Plan.HealthRows;
                return chunk.Health;
            });
            if (segment.Any(c => c.HealthRows > 0))
            {
                await TelemetryWriter.BulkInsertAsync(connection, transaction, TelemetryTable.Health, rows, TelemetryColumns.HealthWithId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                foreach (var chunk in chunks)
                {
                    healthDigests[chunk.Plan.Index] = chunk.HealthDigests!;
                }
            }
        }

        foreach (var chunk in segment)
        {
            if (!tradeDigests.TryGetValue(chunk.Index, out var trades) || !healthDigests.TryGetValue(chunk.Index, out var health))
            {
                throw new SeedException($"Chunk {chunk.Index} was not streamed completely.");
            }

            await DatasetCatalog.InsertChunkAsync(connection, transaction, record.DatasetId, chunk.Index, chunk.TradeRows, chunk.HealthRows,
                RowDigest.CombineDays(trades, health), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row of the dataset is in, once: chunk counts and id bounds match the plan exactly.</summary>
    /// <remarks>
    /// Each chunk's row count was checked as it loaded and recorded in the same transaction; with unique ids, the
    /// recorded counts summing to the plan and the ids spanning exactly base+1..base+rows prove the count without a scan.
    /// </remarks>
    public static async Task VerifyAsync(MySqlConnection connection, DatasetRecord record, CancellationToken cancellationToken)
    {
        var (tradeRows, healthRows) = await DatasetCatalog.ChunkTotalsAsync(connection, record.DatasetId, cancellationToken).ConfigureAwait(false);
        foreach (var (table, idBase, rows, recorded) in new[] { (TelemetryTable.Trades, record.TradeIdBase, record.TradeRows, tradeRows), (TelemetryTable.Health, record.HealthIdBase, record.HealthRows, healthRows) })
        {
            var (min, max) = await SeedTables.IdBoundsAsync(connection, table, idBase, cancellationToken).ConfigureAwait(false);
            if (recorded != rows || (rows > 0 && (min != idBase + 1 || max != idBase + rows)) || (rows == 0 && max != 0))
            {
                throw new SeedException($"{table.Name} holds {recorded} recorded rows with ids {min}..{max} for dataset {record.DatasetId}; expected {rows} with ids {idBase + 1}..{idBase + rows}.");
            }
        }
    }
}
