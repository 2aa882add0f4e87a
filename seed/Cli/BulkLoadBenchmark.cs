using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using MySqlConnector;
using Perf.Analysis.Gates;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Seed.Generation;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Seed.Cli;

/// <summary><c>bench-load</c>: the seeder's load rate against plain <c>LOAD DATA LOCAL INFILE</c> of the same rows, on the same server in one run.</summary>
/// <remarks>
/// Both sides load trades only into an empty Basic table without secondary indexes and then build them, so the
/// comparison isolates what the seeder adds (generation, streaming, chunked transactions, bookkeeping, verification).
/// </remarks>
public static class BulkLoadBenchmark
{
    private const string SeederPrefix = "perf_bench_seeder";
    private const string PlainPrefix = "perf_bench_plain";

    /// <summary>The seeder's rate must stay at least this fraction of plain LOAD DATA's.</summary>
    private const double Floor = 0.9;

    /// <summary>Pairs by default: one more than the fewest that can settle a verdict, so one pair close to the floor may fall across it.</summary>
    private const int DefaultPairs = 6;

    /// <summary>The <c>bench-load</c> command; <paramref name="arguments"/> (the whole command line) is recorded in the manifest.</summary>
    public static Command CreateCommand(HarnessOptions harness, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var trades = WholeNumber.Option("--trades", 1_000, 500_000_000, "trades to load (default 2000000)");
        var seed = WholeNumber.Option("--seed", long.MinValue, long.MaxValue, "master random seed (default 42)");
        var repeat = WholeNumber.Option("--repeat", 1, 20, $"alternating pairs of runs (one of each side); the verdict needs at least {FloorCheck.FewestPairs} (default {DefaultPairs})");
        var chunkRows = WholeNumber.Option("--chunk-rows", 1_000, 10_000_000, "rows per load transaction (default 50000)");
        Option<bool> keep = new("--keep") { Description = "keep the last run's database afterwards (every run starts with both sides' dropped)" };
        var command = new Command("bench-load", "The seeder's load rate against plain LOAD DATA LOCAL INFILE of the same rows, on the same server in one run.")
        {
            trades, seed, repeat, chunkRows, keep, harness.Results,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            harness.Provisioning(parse),
            new BulkLoadSettings(parse.GetValue(trades) ?? 2_000_000, parse.GetValue(seed) ?? 42, (int)(parse.GetValue(repeat) ?? DefaultPairs), (int?)parse.GetValue(chunkRows), parse.GetValue(keep), parse.GetValue(harness.Results)),
            arguments,
            output,
            error,
            cancellationToken));
        return command;
    }

    /// <summary>Runs the comparison <paramref name="settings"/> describe; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        ProvisioningOptions provisioning, BulkLoadSettings settings, IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provisioning);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (trades, seed, repeat, chunkRows, keep, resultsDirectory) = settings;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = SeedOptions.FromPreset(SeedPreset.Small, today) with
        {
            Seed = seed,
            Scale = "bench-load",
            Trades = trades,
            HealthIntervalMinutes = 0,
            ComputeMetrics = false,
            Variants = [SchemaVariant.Basic],
            Mode = SeedMode.Reset,
            DatabasePrefix = SeederPrefix,
        };
        options = options with { ChunkRows = chunkRows ?? options.ChunkRows };

        var file = Path.Combine(Path.GetTempPath(), $"perf-bench-load-{Environment.ProcessId}.tsv");
        ProvisionedServer? server = null;
        try
        {
            server = await ServerProvisioner.ProvisionAsync(provisioning, cancellationToken).ConfigureAwait(false);
            var connectionString = server.AdminConnectionString;
            var manifest = RunManifest.Create("seed-bench-load", server, arguments);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bench-load: {trades:N0} trades, seed {seed}; pre-generating the file for plain LOAD DATA ...")).ConfigureAwait(false);
            var generateClock = Stopwatch.StartNew();
            var spec = options.ToSpec();
            var fileBytes = await WriteFileAsync(spec, options.ChunkRows, file, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  file: {fileBytes / 1048576.0:F0} MB in {generateClock.Elapsed.TotalSeconds:F1} s (not timed)")).ConfigureAwait(false);

            // Other work on a shared machine comes and goes: alternate which side runs first, and judge by each pair's ratio.
            var plainRuns = new List<(double Load, double Index)>();
            var seederRuns = new List<double>();
            SeedResult? result = null;
            for (var run = 0; run < repeat; run++)
            {
                for (var side = 0; side < 2; side++)
                {
                    // Untimed: both sides' databases dropped, so every run starts as one after its own side did. A run after
                    // the other side's (whose database, and the pages it left dirty, were still there) took 1-2 s longer
                    // than one after its own, in every series, and the pairs' ratios alternated high and low by that alone
                    // (results/2026-12-07-seed-bench-load-drop/).
                    await DropAsync(connectionString, cancellationToken).ConfigureAwait(false);
                    if ((side + run) % 2 == 0)
                    {
                        var (load, index) = await PlainLoadAsync(connectionString, file, trades, cancellationToken).ConfigureAwait(false);
                        plainRuns.Add((load, index));
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"  plain LOAD DATA LOCAL INFILE: create tables + load {load:F1} s + index build {index:F1} s = {load + index:F1} s, {trades / (load + index):N0} rows/s")).ConfigureAwait(false);
                    }
                    else
                    {
                        var seederClock = Stopwatch.StartNew();
                        result = await DatasetSeeder.SeedAsync(connectionString, options, null, cancellationToken).ConfigureAwait(false);
                        seederRuns.Add(seederClock.Elapsed.TotalSeconds);
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"  seeder (create tables + generate + stream + load + verify + index build): {seederRuns[^1]:F1} s, {trades / seederRuns[^1]:N0} rows/s, checksum {result.Checksum}")).ConfigureAwait(false);
                    }
                }
            }

            var (plainLoad, plainIndex) = MedianRunParts(plainRuns);
            var plainTotal = TimingComparer.Median([.. plainRuns.Select(r => r.Load + r.Index)]);
            var seederTotal = TimingComparer.Median(seederRuns);
            var ratio = FloorCheck.Judge([.. plainRuns.Select(r => r.Load + r.Index)], seederRuns, Floor);
            var verdict = ratio.Verdict switch
            {
                FloorVerdict.Holds => "HOLDS",
                FloorVerdict.Below => "BELOW TARGET",
                _ => "NOT SETTLED",
            };
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"bench-load: seeder {trades / seederTotal:N0} rows/s vs plain LOAD DATA {trades / plainTotal:N0} rows/s (medians of {repeat}); target: the seeder at >= {Floor:0.00}x plain's rate: {verdict}: {ratio.Why}");
            await output.WriteLineAsync(summary).ConfigureAwait(false);

            manifest.Dataset = result!.ToDatasetInfo();
            manifest.DdlHashes[VariantDatabase.Name(SeederPrefix, SchemaVariant.Basic)] = TelemetryDdl.Hash(SchemaVariant.Basic, null);
            manifest.EndedUtc = DateTime.UtcNow;
            manifest.Parameters["trades"] = trades.ToString(CultureInfo.InvariantCulture);
            manifest.Parameters["seed"] = seed.ToString(CultureInfo.InvariantCulture);
            manifest.Parameters["repeat"] = repeat.ToString(CultureInfo.InvariantCulture);
            manifest.Parameters["chunkRows"] = options.ChunkRows.ToString(CultureInfo.InvariantCulture);
            var writer = await ResultWriter.CreateAsync(manifest, resultsDirectory, cancellationToken).ConfigureAwait(false);
            var measurement = new BulkLoadMeasurement(trades, repeat, plainLoad, plainIndex, seederTotal, trades / plainTotal, trades / seederTotal, ratio,
                [.. plainRuns.Select(r => r.Load + r.Index)], seederRuns);
            await writer.WriteJsonAsync("bench-load", measurement, cancellationToken).ConfigureAwait(false);
            var inv = CultureInfo.InvariantCulture;
            await writer.WriteReportAsync("bench-load", new ReportDocument("Seeder against plain LOAD DATA",
            [
                new ReportTable(["path", "seconds", "rows/s"],
                [
                    [$"plain LOAD DATA LOCAL INFILE (create tables + load, index build{(plainRuns.Count % 2 == 0 ? ": the two middle runs' means" : ": the median run's")})", string.Create(inv, $"{plainTotal:F1} ({plainLoad:F1} + {plainIndex:F1})"), (trades / plainTotal).ToString("N0", inv)],
                    ["seeder (create tables, generate, stream, load, verify, index build)", seederTotal.ToString("F1", inv), (trades / seederTotal).ToString("N0", inv)],
                ])
                {
                    NumericColumns = [1, 2],
                },
                new ReportParagraph(string.Create(inv, $"Target: the seeder at ≥ {Floor:0.00}× plain LOAD DATA's rate. **{verdict}**: {ratio.Why}. {trades:N0} trades, seed {seed}, {repeat} pairs of alternating runs (the table: medians of the totals; plain's load and index build are those of the run whose total is the median, or with an even count the means of the two middle runs', so they add up to it), chunks of {options.ChunkRows:N0} rows.")),
            ]), html: false, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  results: {writer.Directory}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is ProvisioningException or MySqlException or SeedException or BulkWriteException or IOException)
        {
            await error.WriteLineAsync($"seed: bench-load failed: {ex.Message}{(ex.InnerException is { } inner ? " (" + inner.Message + ")" : string.Empty)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        finally
        {
            File.Delete(file);
            if (server is not null)
            {
                if (!keep)
                {
                    await DropAsync(server.AdminConnectionString, CancellationToken.None).ConfigureAwait(false);
                }

                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The load and index-build seconds of the run whose total is the median: with an even count, the means of the two
    /// middle runs' (as the median total is their mean), so the parts add up to the median total. Separate medians of each
    /// part need not: 40, 44 and 50 s totals can show 44.0 as 31.0 + 10.0.
    /// </summary>
    internal static (double Load, double Index) MedianRunParts(IReadOnlyList<(double Load, double Index)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var sorted = runs.OrderBy(r => r.Load + r.Index).ToArray();
        var half = sorted.Length / 2;
        var middle = sorted.Length % 2 == 1 ? sorted[half..(half + 1)] : sorted[(half - 1)..(half + 1)];
        return (middle.Average(r => r.Load), middle.Average(r => r.Index));
    }

    /// <summary>Writes the dataset's trades in LOAD DATA's default text format (<see cref="LoadDataText{T}"/>).</summary>
    private static async Task<long> WriteFileAsync(DatasetSpec spec, int chunkRows, string path, CancellationToken cancellationToken)
    {
        var plan = DatasetPlan.Create(spec, chunkRows);
        var generator = new ChunkGenerator(plan, 0, 0);
        var text = new LoadDataText<Trade>(TelemetryColumns.TradesWithId);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var chunk in plan.Chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var trade in generator.Generate(chunk, ChunkParts.Trades).Trades)
                {
                    text.Write(writer, trade);
                }
            }
        }

        return new FileInfo(path).Length;
    }

    private static async Task<(double Load, double Index)> PlainLoadAsync(string connectionString, string file, long expected, CancellationToken cancellationToken)
    {
        var database = VariantDatabase.Name(PlainPrefix, SchemaVariant.Basic);
        await using var dataSource = TelemetryDataSource.Create(new MySqlConnectionStringBuilder(connectionString) { Database = string.Empty }.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Timed from an empty server to an indexed table, like the seeder (which also creates its database and tables).
        var loadClock = Stopwatch.StartNew();
        await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE IF EXISTS `{database}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ChangeDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        await SchemaBuilder.BuildAsync(connection, SchemaVariant.Basic, null, cancellationToken).ConfigureAwait(false);
        await IndexMigration.DropAsync(connection, TelemetryIndexes.For(SchemaVariant.Basic), cancellationToken).ConfigureAwait(false);
        await BulkSession.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);

        // The server works as it does for the seeder: no statistics recalculation during the load, the index build sorting
        // in memory when the seeder's would.
        await SeedTables.SetAutoStatisticsAsync(connection, enabled: false, cancellationToken).ConfigureAwait(false);
        using var sortDirectory = SortDirectory.TryCreate(DiskBudget.SortBytes(expected, 0, windowsPerRawRow: 0));
        if (sortDirectory is not null)
        {
            await sortDirectory.UseAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        var stream = File.OpenRead(file);
        await using (stream.ConfigureAwait(false))
        {
            await new LoadDataText<Trade>(TelemetryColumns.TradesWithId).LoadAsync(connection, null, TelemetryTable.Trades, stream, expected, cancellationToken).ConfigureAwait(false);
        }

        var load = loadClock.Elapsed.TotalSeconds;

        var indexClock = Stopwatch.StartNew();
        await IndexMigration.ApplyAsync(connection, TelemetryIndexes.For(SchemaVariant.Basic), cancellationToken).ConfigureAwait(false);
        var index = indexClock.Elapsed.TotalSeconds;

        // Untimed: a database kept with --keep has the schema's definition.
        await SeedTables.SetAutoStatisticsAsync(connection, enabled: true, cancellationToken).ConfigureAwait(false);
        return (load, index);
    }

    private static async Task DropAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Database = string.Empty }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var prefix in new[] { SeederPrefix, PlainPrefix })
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE IF EXISTS `{VariantDatabase.Name(prefix, SchemaVariant.Basic)}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
