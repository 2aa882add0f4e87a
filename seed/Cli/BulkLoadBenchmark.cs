using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using MySqlConnector;
using Perf.Seed.Generation;
using Telemetry.Data;
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

    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        long trades = 2_000_000;
        long seed = 42;
        string? connectionString = Environment.GetEnvironmentVariable(SeedProgram.ConnectionVariable);
        var keep = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--trades" when i + 1 < args.Length:
                        trades = SeedCommandLine.ParseLong("--trades", args[++i], 1_000, 500_000_000);
                        break;
                    case "--seed" when i + 1 < args.Length:
                        seed = SeedCommandLine.ParseLong("--seed", args[++i], long.MinValue, long.MaxValue);
                        break;
                    case "--mysql" when i + 1 < args.Length:
                        connectionString = args[++i];
                        break;
                    case "--keep":
                        keep = true;
                        break;
                    default:
                        throw new CommandLineException($"bench-load: unknown or incomplete argument '{args[i]}' (takes --trades N, --seed N, --mysql CS, --keep).");
                }
            }
        }
        catch (CommandLineException ex)
        {
            await error.WriteLineAsync($"seed: {ex.Message}").ConfigureAwait(false);
            return SeedProgram.UsageError;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"seed: no server: pass --mysql or set {SeedProgram.ConnectionVariable}.").ConfigureAwait(false);
            return SeedProgram.UsageError;
        }

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

        var file = Path.Combine(Path.GetTempPath(), $"perf-bench-load-{Environment.ProcessId}.tsv");
        try
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bench-load: {trades:N0} trades, seed {seed}; pre-generating the file for plain LOAD DATA ...")).ConfigureAwait(false);
            var generateClock = Stopwatch.StartNew();
            var spec = options.ToSpec();
            var fileBytes = await WriteFileAsync(spec, options.ChunkRows, file, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  file: {fileBytes / 1048576.0:F0} MB in {generateClock.Elapsed.TotalSeconds:F1} s (not timed)")).ConfigureAwait(false);

            var (plainLoad, plainIndex) = await PlainLoadAsync(connectionString, file, trades, cancellationToken).ConfigureAwait(false);
            var plainTotal = plainLoad + plainIndex;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  plain LOAD DATA LOCAL INFILE: load {plainLoad:F1} s + index build {plainIndex:F1} s = {plainTotal:F1} s, {trades / plainTotal:N0} rows/s")).ConfigureAwait(false);

            var seederClock = Stopwatch.StartNew();
            var result = await DatasetSeeder.SeedAsync(connectionString, options, null, cancellationToken).ConfigureAwait(false);
            var seederTotal = seederClock.Elapsed.TotalSeconds;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  seeder (generate + stream + chunked load + verify + index build): {seederTotal:F1} s, {trades / seederTotal:N0} rows/s, checksum {result.Checksum}")).ConfigureAwait(false);

            var ratio = plainTotal / seederTotal;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"bench-load: seeder {trades / seederTotal:N0} rows/s vs plain LOAD DATA {trades / plainTotal:N0} rows/s: ratio {ratio:F2} (target >= 0.90) {(ratio >= 0.9 ? "PASS" : "BELOW TARGET")}; peak RSS {PeakMemory.Bytes() / 1048576.0:F0} MB")).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is MySqlException or SeedException or BulkWriteException or IOException)
        {
            await error.WriteLineAsync($"seed: bench-load failed: {ex.Message}").ConfigureAwait(false);
            return SeedProgram.Failure;
        }
        finally
        {
            File.Delete(file);
            if (!keep)
            {
                await DropAsync(connectionString, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes the dataset's trades as LOAD DATA's default text format (tab-separated, <c>\N</c> for null).</summary>
    private static async Task<long> WriteFileAsync(DatasetSpec spec, int chunkRows, string path, CancellationToken cancellationToken)
    {
        var plan = DatasetPlan.Create(spec, chunkRows);
        var generator = new ChunkGenerator(plan, 0, 0);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        await using (writer.ConfigureAwait(false))
        {
            var line = new StringBuilder(256);
            foreach (var chunk in plan.Chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var t in generator.Generate(chunk).Trades)
                {
                    line.Clear();
                    line.Append(CultureInfo.InvariantCulture, $"{t.Id}\t{t.ProfileId}\t{t.Symbol}\t{t.TradeType}\t{t.Side}\t{t.EntryTime:yyyy-MM-dd HH:mm:ss.ffffff}\t{t.ExitTime:yyyy-MM-dd HH:mm:ss.ffffff}\t");
                    line.Append(CultureInfo.InvariantCulture, $"{t.EntryPrice}\t{t.ExitPrice}\t{t.Quantity}\t{t.Pnl}\t{t.PnlPercent}\t{t.ExitReason}\n");
                    await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
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
        await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE IF EXISTS `{database}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ChangeDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        await SchemaBuilder.BuildAsync(connection, SchemaVariant.Basic, null, cancellationToken).ConfigureAwait(false);
        await IndexMigration.DropAsync(connection, TelemetryIndexes.For(SchemaVariant.Basic), cancellationToken).ConfigureAwait(false);
        await BulkSession.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);

        if (file.Contains('\'', StringComparison.Ordinal) || file.Contains('\\', StringComparison.Ordinal))
        {
            throw new IOException($"The temp path {file} cannot be quoted in LOAD DATA.");
        }

        var columns = string.Join(", ", TelemetryColumns.TradesWithId.Select(c => $"`{c.Name}`"));
        var loadClock = Stopwatch.StartNew();
        var loaded = await connection.ExecuteAsync(new CommandDefinition(
            $"LOAD DATA LOCAL INFILE '{file}' INTO TABLE `{TelemetryTable.Trades.Name}` ({columns})", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var load = loadClock.Elapsed.TotalSeconds;
        var warnings = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT @@warning_count", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (loaded != expected || warnings != 0)
        {
            throw new IOException($"Plain LOAD DATA loaded {loaded} of {expected} rows with {warnings} warnings.");
        }

        var indexClock = Stopwatch.StartNew();
        await IndexMigration.ApplyAsync(connection, TelemetryIndexes.For(SchemaVariant.Basic), cancellationToken).ConfigureAwait(false);
        return (load, indexClock.Elapsed.TotalSeconds);
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
