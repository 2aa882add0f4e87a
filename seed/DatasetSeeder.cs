using System.Data;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Dapper;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Seed.Generation;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>Seeds the variant databases with one deterministic dataset: bulk-loads one variant and copies it into the others.</summary>
/// <remarks>
/// Every chunk (whole trading days) is loaded in its own transaction together with its row in <c>perf_dataset_chunk</c>,
/// so an interrupted run (Ctrl+C or kill -9) leaves only whole chunks and the rerun loads exactly the missing ones.
/// </remarks>
public sealed class DatasetSeeder
{
    private readonly SeedContext context;
    private readonly ChunkLoader loader;
    private readonly MetricsFill metrics;
    private readonly VariantTables variantTables;
    private readonly VariantCopier copier;

    /// <summary>The server's data directory when it runs on this machine, to say where the disk filled.</summary>
    private string? dataDirectory;

    /// <summary>The server's process when it runs on this machine, for the CPU time it spends on the run.</summary>
    private ServerProcess? serverProcess;

    private DatasetSeeder(MySqlDataSource dataSource, SeedOptions options, IProgress<SeedProgress>? progress)
    {
        context = new SeedContext(dataSource, options, progress);
        loader = new ChunkLoader(context);
        metrics = new MetricsFill(context);
        variantTables = new VariantTables(context);
        copier = new VariantCopier(context, variantTables, metrics);
    }

    /// <summary>Seeds a provisioned server.</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SeedOptions.Validate"/>).</exception>
    public static Task<SeedResult> SeedAsync(ProvisionedServer server, SeedOptions options, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        return SeedAsync(server.AdminConnectionString, options, progress, cancellationToken);
    }

    /// <summary>Seeds the server at <paramref name="serverConnectionString"/> (an account that may create databases; no default database needed).</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SeedOptions.Validate"/>).</exception>
    public static async Task<SeedResult> SeedAsync(string serverConnectionString, SeedOptions options, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var builder = new MySqlConnectionStringBuilder(serverConnectionString) { Database = string.Empty, AllowUserVariables = true };
        await using var dataSource = TelemetryDataSource.Create(builder.ConnectionString);
        var seeder = new DatasetSeeder(dataSource, options, progress);
        try
        {
            return await seeder.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex is MySqlException server && (DiskBudget.IsOutOfSpace(server) || (seeder.dataDirectory is { } directory && DiskBudget.IsFull(directory))))
            || (ex is IOException file && DiskBudget.IsOutOfSpace(file)))
        {
            // The server's own writes (by the error, or by the disk it left full), or a table file this process copies into the server's data directory.
            var where = seeder.dataDirectory is null ? string.Empty : $" in {seeder.dataDirectory}";
            throw new SeedException($"the server ran out of disk space{where} ({ex.Message}); what was committed is kept: free space and rerun the same command to resume.", ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ProvisioningException)
        {
            // By the failure's shape, or else by asking the server: a part that finds its connection broken may fail in
            // any number of ways first.
            var detail = ServerFailure.ConnectionLost(ex) ? ex.GetBaseException().Message
                : !await ServerFailure.AnswersAsync(serverConnectionString, CancellationToken.None).ConfigureAwait(false) ? $"{ex.Message} It takes no new connection."
                : null;
            if (detail is not null)
            {
                throw new SeedException($"lost the connection to the server ({detail}); what was committed is kept: once the server is up, rerun the same command to resume.", ex);
            }

            throw;
        }
        finally
        {
            seeder.context.SortDirectory?.Dispose();
            seeder.serverProcess?.Dispose();
        }
    }

    private async Task<SeedResult> RunAsync(CancellationToken stop)
    {
        // The parts of a run overlap (the metrics load beside the other tables' index builds and copies): once one fails, the
        // others are cancelled rather than left waiting, e.g. an index build on a lock the server holds until a full disk
        // has room again.
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var cancellationToken = failure.Token;
        context.Timeline.Start();
        await using var cores = CoreUseSampler.Start(() => context.Timeline.Seconds, () => serverProcess?.SecondsSinceFound(), CoreUseSampler.DefaultInterval);
        var seederCpuAtStart = Environment.CpuUsage.TotalTime;
        var spec = context.Options.ToSpec();
        var variants = context.Options.Variants.Order().ToList();
        context.Timeline.Report(SeedPhase.Preparing, string.Empty, 0, 0, "planning");

        // Read first, write after: what is there, what the run would add, whether it fits. A run too large stops here.
        var assessments = new List<VariantAssessment>();
        VariantAssessment source;
        Task replacedDropped;
        await using (var connection = await context.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var databases = variants.ToDictionary(v => v, v => VariantDatabase.Name(context.Options.DatabasePrefix, v));
            // What the run frees: a replacing run only the tables it replaces (a job's history, say, stays), --reset every
            // table, and a killed run's tables moved aside all of theirs.
            var replaced = await DiskBudget.SizesAsync(connection, databases.Values, context.Options.Mode == SeedMode.Reset ? null : ReplacedTables.IsReplaced, cancellationToken).ConfigureAwait(false);
            var aside = await DiskBudget.SizesAsync(connection, databases.Values.Select(ReplacedTables.AsideName), null, cancellationToken).ConfigureAwait(false);
            IReadOnlyDictionary<string, long> sizes = replaced.Concat(aside).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            foreach (var variant in variants)
            {
                var database = databases[variant];
                var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @database", new { database }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
                if (exists && context.Options.Mode != SeedMode.Reset)
                {
                    await connection.ChangeDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
                    assessments.Add(await AssessAsync(connection, variant, database, spec, cancellationToken).ConfigureAwait(false));
                }
                else
                {
                    assessments.Add(new VariantAssessment(variant, database, VariantStatus.Fresh, null));
                }
            }

            source = assessments.FirstOrDefault(a => a.Status == VariantStatus.Ready)
                ?? assessments.FirstOrDefault(a => a.Status == VariantStatus.InterruptedLoad)
                ?? assessments[0];
            var plan = DatasetPlan.Create(spec, context.Options.ChunkRows);
            // The metric windows a raw row makes depend on the data's shape: counted on the dataset's own rows (a sample), and
            // only when a disk figure needs them (the tables' on a local server or with --max-disk, the spill file's on a load with metrics).
            var windowsPerRawRow = new Lazy<double>(() => context.Options.ComputeMetrics && assessments.Any(a => a.Status != VariantStatus.Ready) ? MetricRollup.WindowsPerRawRow(plan) : 0);
            var free = await CheckDiskAsync(connection, assessments, source, sizes, plan, windowsPerRawRow, cancellationToken).ConfigureAwait(false);
            if (dataDirectory is not null)
            {
                // The server runs on this machine: its index builds may sort in memory instead of on disk, when memory allows,
                // and its CPU time is reported beside the wall time.
                context.SortDirectory = SortDirectory.TryCreate(DiskBudget.SortBytes(plan.TotalTrades, plan.TotalHealth, windowsPerRawRow.Value));
                serverProcess = await ServerProcess.FindAsync(connection, dataDirectory, cancellationToken).ConfigureAwait(false);
            }

            context.Timeline.Report(SeedPhase.Preparing, string.Empty, 0, 0, "moving the replaced tables aside");
            foreach (var assessment in assessments.Where(a => a.Status == VariantStatus.Fresh))
            {
                await ReplacedTables.MoveAsideAsync(connection, assessment.Database, everything: context.Options.Mode == SeedMode.Reset, dataDirectory, cancellationToken).ConfigureAwait(false);
            }

            foreach (var database in databases.Values)
            {
                if (context.Options.Mode == SeedMode.Reset)
                {
                    await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE IF EXISTS `{database}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                await connection.ExecuteAsync(new CommandDefinition(SeedTables.CreateDatabaseSql(database), cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            // The replaced tables are dropped beside the source's load when the disk has room for the whole source without the
            // space they free (the copies and index builds wait for the drop), else before it.
            replacedDropped = ReplacedTables.DropAsync(context.DataSource, [.. databases.Values.Select(ReplacedTables.AsideName)], cancellationToken);
            if (source.Status == VariantStatus.Ready || free is null || free < DiskBudget.Estimate(source.Variant, plan.TotalTrades, plan.TotalHealth, windowsPerRawRow.Value))
            {
                context.Timeline.Report(SeedPhase.Preparing, string.Empty, 0, 0, "dropping the replaced tables");
                await replacedDropped.ConfigureAwait(false);
            }
        }

        var results = new List<VariantSeedResult>();
        var targets = assessments.Where(a => a != source && a.Status != VariantStatus.Ready).ToList();
        var stepClock = Stopwatch.StartNew();
        DatasetRecord? loaded = null;
        var metricsReady = Task.CompletedTask;
        if (source.Status == VariantStatus.Ready)
        {
            results.Add(new VariantSeedResult(source.Variant, source.Database, VariantAction.Skipped, 0));
        }
        else
        {
            (DatasetRecord Record, VariantAction Action, MetricWindowSpill? Windows) load = default;
            try
            {
                load = await LoadAsync(source, spec, cancellationToken).ConfigureAwait(false);
                await replacedDropped.ConfigureAwait(false);
            }
            catch
            {
                // Nothing is left running: the drop ends before the error (the load's, when both failed) goes up.
                load.Windows?.Dispose();
                await replacedDropped.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            loaded = load.Record;
            results.Add(new VariantSeedResult(source.Variant, source.Database, load.Action, 0));

            // Metrics are computed once, into the source, and copied with the other tables, so every variant holds the same rows.
            // Meanwhile the work on the tables already complete goes on beside it (the metrics' LOAD DATA keeps one server thread busy).
            metricsReady = ComputeAsync(loaded, load.Windows);
        }

        foreach (var target in assessments.Where(a => a != source && a.Status == VariantStatus.Ready))
        {
            results.Add(new VariantSeedResult(target.Variant, target.Database, VariantAction.Skipped, 0));
        }

        // The source's index build and each copy run side by side, on connections of their own, each table as soon as its rows
        // are in: each statement keeps one server thread busy, and they read the source without blocking one another. Copies
        // take the catalog last, once the source is complete.
        // Generated metrics are checked against SQL on a sample once, where reading raw rows by time is cheapest. The
        // source is marked complete before a partitioned copy's check ends (its copies wait for that), so a run that
        // failed the check leaves a complete source behind: a rerun that copies into Partitioned from it checks again.
        var sourceRecord = loaded ?? (source.Status == VariantStatus.Ready ? source.Record : null);
        var generatedMetrics = sourceRecord is not null && context.Options.ComputeMetrics && sourceRecord.TradeIdBase == 0 && sourceRecord.HealthIdBase == 0;
        var checkHome = generatedMetrics ? targets.FirstOrDefault(t => t.Variant == SchemaVariant.Partitioned) ?? (loaded is null ? null : source) : null;
        var finishing = loaded is null ? null : FinishSourceAsync(source, loaded, spec, checkHome == source, metricsReady, cancellationToken);
        var sourceFinished = finishing is null ? Task.CompletedTask : RecordSourceAsync(finishing);

        // Every copy is checked against the source's row counts, taken once the source is complete.
        var sourceRows = finishing ?? (targets.Count == 0 ? null : variantTables.CountRowsAsync(source.Database, null, cancellationToken));
        var imported = new bool[targets.Count];
        var copies = targets.Select((target, i) => TimedAsync(async () =>
        {
            imported[i] = await copier.ImportAsync(source, target, spec, sourceFinished, cancellationToken).ConfigureAwait(false);
            var tables = imported[i] ? null : await copier.StartCopyAsync(source, target, spec, metricsReady, cancellationToken).ConfigureAwait(false);
            await copier.FinishCopyAsync(source, target, spec, checkHome == target, sourceFinished, sourceRows!, tables, cancellationToken).ConfigureAwait(false);
        })).ToList();
        var failFast = new FailFast(failure);
        try
        {
            await Task.WhenAll(((Task[])[metricsReady, sourceFinished, .. copies]).Select(failFast.WatchAsync)).ConfigureAwait(false);
        }
        catch when (!stop.IsCancellationRequested && failFast.First is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var action = imported[i] ? VariantAction.Imported : VariantAction.Copied;
            results.Add(new VariantSeedResult(targets[i].Variant, targets[i].Database, action, await copies[i].ConfigureAwait(false)));
        }

        async Task ComputeAsync(DatasetRecord record, MetricWindowSpill? windows)
        {
            using (windows)
            {
                if (context.Options.ComputeMetrics)
                {
                    // In the timeline before the index build that starts beside it; its progress comes with its first rows.
                    context.Timeline.Begin(SeedPhase.RollingUp, source.Database);
                    await metrics.FillAsync(source.Database, record, spec, windows, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // The source's time runs from the start of its load to its end, the metrics and the index build included.
        async Task RecordSourceAsync(Task step)
        {
            await step.ConfigureAwait(false);
            results[0] = results[0] with { Seconds = stepClock.Elapsed.TotalSeconds };
        }

        static async Task<double> TimedAsync(Func<Task> step)
        {
            var stepTimer = Stopwatch.StartNew();
            await step().ConfigureAwait(false);
            return stepTimer.Elapsed.TotalSeconds;
        }

        await using var final = await context.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await final.ChangeDatabaseAsync(source.Database, cancellationToken).ConfigureAwait(false);
        var records = await DatasetCatalog.ReadAsync(final, cancellationToken).ConfigureAwait(false);
        var record = records.Last(r => r.Fingerprint == spec.Fingerprint && r.State == DatasetState.Complete);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [TelemetryTable.Trades.Name] = records.Sum(r => r.TradeRows),
            [TelemetryTable.Health.Name] = records.Sum(r => r.HealthRows),
            [TelemetryTable.Metrics.Name] = record.MetricRows ?? 0,
        };
        context.Timeline.Report(SeedPhase.Done, source.Database, 0, 0, null);
        var coreUse = await cores.StopAsync().ConfigureAwait(false);
        return new SeedResult(spec.Seed, context.Options.Scale, spec, record.Checksum!, counts, context.RowsWritten, results, context.Timeline.Seconds, context.Timeline.Phases())
        {
            SeederCpuSeconds = (Environment.CpuUsage.TotalTime - seederCpuAtStart).TotalSeconds,
            ServerCpuSeconds = serverProcess?.SecondsSinceFound(),
            CoreUse = coreUse,
        };
    }

    /// <summary>Stops the run, before it writes anything, when the variants it would write need more disk than it may take.</summary>
    /// <remarks>
    /// A variant it replaces frees what its database holds; one it appends to frees nothing; one already complete costs nothing.
    /// Tables a killed run had moved aside (<see cref="ReplacedTables"/>) are freed too. A load of the source from its first
    /// chunk also writes the metric windows' spill file, on this machine: it must fit its own file system, beside the tables
    /// when that is the server's data directory's.
    /// </remarks>
    /// <returns>The free bytes of the server's data directory, when the server runs on this machine; else null.</returns>
    /// <param name="plan">The dataset's plan.</param>
    /// <param name="windowsPerRawRow">Its metric windows per raw row (0 without metrics): a dataset with another trade count, searched for one that fits, has its own.</param>
    private async Task<long?> CheckDiskAsync(
        MySqlConnection connection, IReadOnlyList<VariantAssessment> assessments, VariantAssessment source, IReadOnlyDictionary<string, long> sizes, DatasetPlan plan, Lazy<double> windowsPerRawRow, CancellationToken cancellationToken)
    {
        var free = await DiskBudget.FreeSpaceAsync(connection, cancellationToken).ConfigureAwait(false);
        dataDirectory = free?.Directory;
        var windows = new Dictionary<long, double> { [plan.TotalTrades] = windowsPerRawRow.Value };
        var written = assessments.Where(a => a.Status != VariantStatus.Ready).ToList();
        var needed = written.ToDictionary(a => a.Variant, a => Needed(a, plan.TotalTrades));
        if (context.Options.MaxDiskBytes is not null || free is not null)
        {
            var (available, limit) = context.Options.MaxDiskBytes is { } budget && (free is null || budget < free.Value.FreeBytes)
                ? (budget, "--max-disk")
                : (free!.Value.FreeBytes, $"the free space of the server's data directory ({free.Value.Directory})");
            if (DiskBudget.Check(needed, available, limit, plan.TotalTrades, trades => written.Sum(a => Needed(a, trades))) is { } problem)
            {
                throw new SeedException(problem);
            }
        }

        if (await SpillsAsync(source, cancellationToken).ConfigureAwait(false))
        {
            var spill = DiskBudget.SpillBytes(plan.TotalTrades, plan.TotalHealth, windowsPerRawRow.Value);
            var spillDirectory = context.SpillDirectory;
            var fileSystem = DiskBudget.FileSystemOf(spillDirectory);
            var beside = free is not null && DiskBudget.FileSystemOf(free.Value.Directory) == fileSystem ? needed.Values.Sum() : 0;
            var spillFree = new DriveInfo(spillDirectory).AvailableFreeSpace;
            if (spill + beside > spillFree)
            {
                var tables = beside > 0 ? $" beside the {new ByteSize(beside)} the tables take there" : string.Empty;
                throw new SeedException($"the metric windows' spill file needs about {new ByteSize(spill)} in {spillDirectory}{tables}, but its file system ({fileSystem}) has {new ByteSize(spillFree)} free; nothing was written. Free space there, or point TMPDIR at a file system with room.");
            }
        }

        return free?.FreeBytes;

        long Needed(VariantAssessment a, long trades) => NeededBeyondFreed(
            DiskBudget.Estimate(a.Variant, trades, plan.TotalHealth, WindowsPerRawRow(trades)), a.Status, context.Options.Mode, sizes[a.Database], sizes[ReplacedTables.AsideName(a.Database)]);

        // The windows per raw row of the same dataset with another trade count: what a run with the count suggested will find.
        double WindowsPerRawRow(long trades)
        {
            if (!windows.TryGetValue(trades, out var perRow))
            {
                context.Timeline.Report(SeedPhase.Preparing, string.Empty, 0, 0, $"the dataset does not fit: counting its metric windows with {trades:N0} trades instead");
                perRow = windows[trades] = context.Options.ComputeMetrics ? MetricRollup.WindowsPerRawRow(DatasetPlan.Create((context.Options with { Trades = trades }).ToSpec(), context.Options.ChunkRows)) : 0;
            }

            return perRow;
        }
    }

    /// <summary>Whether loading <paramref name="source"/> writes the metric windows' spill file: only a load of every chunk into empty tables does (<see cref="ChunkLoader.LoadAsync"/>).</summary>
    /// <remarks>A load resumed after committed chunks generates the chunks again for the windows instead, and an append onto rows rolls up in SQL.</remarks>
    private async Task<bool> SpillsAsync(VariantAssessment source, CancellationToken cancellationToken)
    {
        if (!context.Options.ComputeMetrics || source.Status is VariantStatus.Ready or VariantStatus.AppendNew)
        {
            return false;
        }

        if (source.Status == VariantStatus.Fresh)
        {
            return true;
        }

        // Interrupted: a copy is abandoned, its chunks with it, and loaded again; a load goes on after its committed chunks.
        if (source.Record is not { TradeIdBase: 0, HealthIdBase: 0 } record)
        {
            return false;
        }

        if (source.Status == VariantStatus.InterruptedCopy)
        {
            return true;
        }

        if (record.State != DatasetState.Loading)
        {
            return false;
        }

        await using var connection = await context.OpenAsync(source.Database, cancellationToken).ConfigureAwait(false);
        return (await DatasetCatalog.DoneChunksAsync(connection, record.DatasetId, cancellationToken).ConfigureAwait(false)).Count == 0;
    }

    private async Task<VariantAssessment> AssessAsync(MySqlConnection connection, SchemaVariant variant, string database, DatasetSpec spec, CancellationToken cancellationToken)
    {
        // Reads only: a run refused after this (the disk check) must have written nothing, not even an empty catalog.
        var records = await DatasetCatalog.TryReadAsync(connection, cancellationToken).ConfigureAwait(false) ?? [];
        var tablesExist = await SchemaBuilder.ExistsAsync(connection, cancellationToken).ConfigureAwait(false);
        var fresh = context.Options.Mode == SeedMode.Append && tablesExist ? VariantStatus.AppendNew : VariantStatus.Fresh;
        if (!tablesExist || records.Count == 0)
        {
            return new VariantAssessment(variant, database, fresh, null);
        }

        var last = records[^1];
        var matches = last.Fingerprint == spec.Fingerprint;
        if (context.Options.Mode == SeedMode.Append)
        {
            if (!context.Options.Force && records.Any(r => r.Fingerprint == spec.Fingerprint && r.State == DatasetState.Complete))
            {
                return new VariantAssessment(variant, database, VariantStatus.Ready, records.Last(r => r.Fingerprint == spec.Fingerprint && r.State == DatasetState.Complete));
            }
        }
        else if (records.Count != 1 || !matches || (context.Options.Force && last.State == DatasetState.Complete))
        {
            return new VariantAssessment(variant, database, VariantStatus.Fresh, null);
        }
        else if (last.State == DatasetState.Complete)
        {
            // Trust the record only while the tables still end where it says (cheap: the primary key's last entry).
            var intact = await SeedTables.MaxIdAsync(connection, TelemetryTable.Trades, cancellationToken).ConfigureAwait(false) == last.TradeIdBase + last.TradeRows
                && await SeedTables.MaxIdAsync(connection, TelemetryTable.Health, cancellationToken).ConfigureAwait(false) == last.HealthIdBase + last.HealthRows;
            return new VariantAssessment(variant, database, intact ? VariantStatus.Ready : VariantStatus.Fresh, intact ? last : null);
        }

        if (!matches || last.State == DatasetState.Complete)
        {
            return new VariantAssessment(variant, database, fresh, null);
        }

        var status = last.State == DatasetState.Copying ? VariantStatus.InterruptedCopy : VariantStatus.InterruptedLoad;
        return new VariantAssessment(variant, database, status, last);
    }

    /// <summary>
    /// What a variant needs beyond what the run frees or already holds: the bytes its database holds now (the dataset it
    /// replaces, or the part of this one a killed run wrote), and a killed run's tables moved aside. Appending frees
    /// nothing in the database, whose earlier datasets stay, whatever state its last dataset was left in (an interrupted
    /// append's rows are counted again, never the datasets beside them).
    /// </summary>
    internal static long NeededBeyondFreed(long estimate, VariantStatus status, SeedMode mode, long databaseBytes, long asideBytes) =>
        Math.Max(0, estimate - (status == VariantStatus.AppendNew || mode == SeedMode.Append ? 0 : databaseBytes) - asideBytes);

    /// <summary>Loads the dataset's chunks into the source, resuming after those an interrupted run committed.</summary>
    /// <returns>The dataset's record, what was done, and the metric windows rolled up during the load when it loaded every chunk into empty tables (else null).</returns>
    private async Task<(DatasetRecord Record, VariantAction Action, MetricWindowSpill? Windows)> LoadAsync(VariantAssessment target, DatasetSpec spec, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenAsync(target.Database, cancellationToken).ConfigureAwait(false);
        var record = target.Record;
        var action = VariantAction.Loaded;
        switch (target.Status)
        {
            case VariantStatus.Fresh:
                await variantTables.RecreateAsync(connection, target.Variant, spec, cancellationToken).ConfigureAwait(false);
                record = await variantTables.InsertRecordAsync(connection, spec, 0, 0, DatasetState.Loading, null, cancellationToken).ConfigureAwait(false);
                break;
            case VariantStatus.AppendNew:
                record = await variantTables.PrepareAppendAsync(connection, target.Variant, spec, DatasetState.Loading, null, cancellationToken).ConfigureAwait(false);
                break;
            case VariantStatus.InterruptedCopy:
                // Its copy source is gone: drop the copied part and load the dataset from the generator instead.
                record = await VariantTables.AbandonAsync(connection, record!, cancellationToken).ConfigureAwait(false);
                action = VariantAction.Resumed;
                break;
            case VariantStatus.InterruptedLoad:
                action = VariantAction.Resumed;
                break;
            default:
                throw new InvalidOperationException($"Cannot load a variant in status {target.Status}.");
        }

        await SeedTables.SetAutoStatisticsAsync(connection, enabled: false, cancellationToken).ConfigureAwait(false);
        var plan = DatasetPlan.Create(spec, record!.ChunkRows);
        MetricWindowSpill? windows = null;
        try
        {
            if (record.State == DatasetState.Loading)
            {
                windows = await loader.LoadAsync(connection, target.Database, plan, record, cancellationToken).ConfigureAwait(false);
                await DatasetCatalog.SetStateAsync(connection, record.DatasetId, DatasetState.Finishing, cancellationToken).ConfigureAwait(false);
            }

            await ChunkLoader.VerifyAsync(connection, record, cancellationToken).ConfigureAwait(false);
            return (record, action, windows);
        }
        catch
        {
            windows?.Dispose();
            throw;
        }
    }

    /// <summary>Builds the source's secondary indexes and marks its dataset complete.</summary>
    /// <returns>The rows of each of its tables.</returns>
    /// <param name="metricsReady">Completes once <c>dd_telemetry_metrics</c> holds its rows; the other tables are complete already.</param>
    private async Task<IReadOnlyDictionary<TelemetryTable, long>> FinishSourceAsync(VariantAssessment source, DatasetRecord record, DatasetSpec spec, bool checkMetrics, Task metricsReady, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenAsync(source.Database, cancellationToken).ConfigureAwait(false);

        // Secondary indexes last, each table's once it is filled: one sorted build beats maintaining them row by row.
        await variantTables.BuildIndexesAsync(connection, source, table => table == TelemetryTable.Metrics ? metricsReady : Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        if (checkMetrics)
        {
            await metrics.CheckAsync(connection, source.Database, spec, cancellationToken).ConfigureAwait(false);
        }

        var rows = await variantTables.CountRowsAsync(source.Database, null, cancellationToken).ConfigureAwait(false);
        var digests = await DatasetCatalog.DayDigestsAsync(connection, record.DatasetId, cancellationToken).ConfigureAwait(false);
        await DatasetCatalog.CompleteAsync(connection, record.DatasetId, RowDigest.Combine(digests), rows[TelemetryTable.Metrics], cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
