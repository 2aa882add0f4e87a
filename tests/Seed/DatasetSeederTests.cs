using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using MySqlConnector;
using Perf.Seed;
using Perf.Seed.Cli;
using Perf.Seed.Generation;
using Perf.Tests.Infrastructure;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Model;
using Telemetry.Data.Rollups;
using Telemetry.Data.Schema;

namespace Perf.Tests.Seed;

/// <summary>The seeder against a real server: identical variants, rows equal to the generator's, metrics equal to the trades, safe reruns.</summary>
public sealed class DatasetSeederTests(DatabaseServerFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedAsync_ThreeVariants_IdenticalRowsEqualToTheGenerator()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(variants: [SchemaVariant.Basic, SchemaVariant.Composite, SchemaVariant.Partitioned]);
        var expected = GeneratedDataset.Generate(options.ToSpec());

        var reports = new ConcurrentQueue<SeedProgress>();

        var result = await DatasetSeeder.SeedAsync(databases.Server, options, new CallbackProgress(reports.Enqueue), Cancel);

        Assert.Equal(expected.Checksum, result.Checksum);
        Assert.Equal([VariantAction.Loaded, VariantAction.Imported, VariantAction.Copied], result.Variants.Select(v => v.Action));
        Assert.Equal(options.Trades, result.RowCounts[TelemetryTable.Trades.Name]);
        Assert.Equal(expected.Health.Count, result.RowCounts[TelemetryTable.Health.Name]);
        Assert.True(result.RowCounts[TelemetryTable.Metrics.Name] > 0);

        var metrics = new List<string>();
        foreach (var variant in options.Variants)
        {
            Assert.Equal(expected.Trades, await databases.ReadTradesAsync(variant));
            Assert.Equal(expected.Health, await databases.ReadHealthAsync(variant));
            await using var connection = await databases.OpenAsync(variant);
            var rows = await connection.QueryAsync<string>(
                "SELECT CONCAT_WS('|', id, profile_id, metric_name, window_type, window_start, sample_count, value_sum, value_min, value_max) FROM dd_telemetry_metrics ORDER BY id");
            metrics.Add(string.Join('\n', rows));
            Assert.Equal("complete", await connection.ExecuteScalarAsync<string>("SELECT state FROM perf_dataset"));
            Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_telemetry_metrics WHERE metric_type = @type", new { type = HealthMetrics.MetricType }) > 0);
            Assert.Equal(expected.Checksum, await connection.ExecuteScalarAsync<string>("SELECT checksum FROM perf_dataset"));
            var indexes = await IndexMigration.ReadIndexesAsync(connection, TelemetryTable.Trades, Cancel);
            Assert.All(TelemetryIndexes.For(variant).Where(i => i.Table == TelemetryTable.Trades), i => Assert.Contains(i.Name, indexes.Keys));
            foreach (var table in TelemetryTable.Live)
            {
                // Statistics were not recalculated during the load but taken once on the complete table; the definition is the schema's again.
                var create = (await connection.QuerySingleAsync<(string Table, string Create)>($"SHOW CREATE TABLE `{table.Name}`")).Create;
                Assert.DoesNotContain("STATS_AUTO_RECALC", create, StringComparison.OrdinalIgnoreCase);
                var count = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{table.Name}`");
                var estimated = await connection.ExecuteScalarAsync<long>(
                    "SELECT SUM(n_rows) FROM mysql.innodb_table_stats WHERE database_name = DATABASE() AND (table_name = @name OR table_name LIKE CONCAT(@name, '#P#%'))",
                    new { name = table.Name });
                Assert.InRange(estimated, count * 0.95, count * 1.05); // InnoDB samples pages: 0.2-3 % off on these tables
            }
        }

        Assert.Single(metrics.Distinct());

        // The timeline: every phase of every variant, in order per database, each span well-formed.
        Assert.All(result.Phases, p => Assert.True(p.EndSeconds >= p.StartSeconds, $"{p.Phase} {p.Database}"));
        string[] PhasesOf(SchemaVariant variant) => [.. result.Phases.Where(p => p.Database == databases.Name(variant)).Select(p => p.Phase.ToString())];
        // Checking: the source's row counts, taken once for both copies, and the row copy's inserted rows against them.
        // The imported composite holds the source's files byte for byte: nothing to count.
        Assert.Equal(["Loading", "RollingUp", "Indexing", "Checking"], PhasesOf(SchemaVariant.Basic));
        Assert.Equal(["Copying", "Indexing"], PhasesOf(SchemaVariant.Composite));
        Assert.Equal(["Copying", "Indexing", "Checking"], PhasesOf(SchemaVariant.Partitioned));
        Assert.Equal(options.Trades + expected.Health.Count, result.Phases.Single(p => p.Phase == SeedPhase.Loading).Rows);

        // The sampled metrics check, on the partitioned copy, counts its aggregations as it goes, so it has a rate and an ETA.
        var check = reports.Where(p => p.Phase == SeedPhase.Checking && p.Unit == "aggregations").ToList();
        Assert.All(check, p => Assert.Equal((databases.Name(SchemaVariant.Partitioned), RollupCheck.Aggregations), (p.Database, p.Total)));
        Assert.Equal(Enumerable.Range(0, RollupCheck.Aggregations + 1).Select(i => (long)i), check.Select(p => p.Done));

        // The work beside the wall time: CPU seconds spent during the run (not since the process started), which no
        // process can spend faster than the machine's cores do; the server's when it runs on this machine.
        var most = result.Seconds * Environment.ProcessorCount;
        Assert.InRange(result.SeederCpuSeconds, 0.01, most);
        if (databases.Server.Source.StartsWith("local:", StringComparison.Ordinal))
        {
            Assert.InRange(result.ServerCpuSeconds ?? -1, 0.01, most);
        }
    }

    [Fact]
    public async Task SeedCommand_WithResults_WritesManifestAndTimeline()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var directory = Path.Combine(Path.GetTempPath(), "seed-results-" + Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            var exit = await SeedProgram.RunAsync(
                ["--trades", "3000", "--profiles", "5", "--from", "2024-01-01", "--to", "2024-02-01", "--variants", "basic",
                 "--prefix", databases.Prefix, "--mysql", databases.Server.AdminConnectionString, "--results", directory],
                output, error, Cancel);

            Assert.True(exit == 0, error.ToString());
            using var seed = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "seed.json"), Cancel));
            Assert.Equal(3000, seed.RootElement.GetProperty("rowCounts").GetProperty(TelemetryTable.Trades.Name).GetInt64());
            var phases = seed.RootElement.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").ToString()).ToList();
            Assert.Equal(["Preparing", "Loading", "RollingUp", "Indexing", "Checking"], phases);

            // How the cores were spent, stretch by stretch, covering the run from its start to its end.
            var stretches = seed.RootElement.GetProperty("coreUse").EnumerateArray().ToList();
            Assert.NotEmpty(stretches);
            Assert.Equal(0, stretches[0].GetProperty("startSeconds").GetDouble(), 1);
            var last = stretches[^1];
            Assert.Equal(seed.RootElement.GetProperty("seconds").GetDouble(), last.GetProperty("startSeconds").GetDouble() + last.GetProperty("seconds").GetDouble(), 0.5);
            Assert.All(stretches, s => Assert.InRange(s.GetProperty("busy").GetDouble() + s.GetProperty("ioWait").GetDouble() + s.GetProperty("idle").GetDouble() + s.GetProperty("steal").GetDouble(), Environment.ProcessorCount - 0.05, Environment.ProcessorCount + 0.05));
            Assert.Matches(@"; machine \d+ busy, \d+ I/O wait, \d+ idle core-s; ", output.ToString());
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "manifest.json"), Cancel));
            Assert.Equal("seed", manifest.RootElement.GetProperty("tool").GetString());
            Assert.Equal(seed.RootElement.GetProperty("checksum").GetString(), manifest.RootElement.GetProperty("dataset").GetProperty("checksum").GetString());
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task SeedAsync_SameDatasetAgain_SkipsUnlessForced()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(trades: 5_000, variants: [SchemaVariant.Basic, SchemaVariant.Composite]);
        var first = await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);

        var second = await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);
        Assert.All(second.Variants, v => Assert.Equal(VariantAction.Skipped, v.Action));
        Assert.Equal(0, second.RowsWritten);
        Assert.Equal(first.Checksum, second.Checksum);

        var forced = await DatasetSeeder.SeedAsync(databases.Server, options with { Force = true }, null, Cancel);
        Assert.Equal([VariantAction.Loaded, VariantAction.Imported], forced.Variants.Select(v => v.Action));
        Assert.Equal(first.Checksum, forced.Checksum);
        Assert.Equal(first.RowCounts, forced.RowCounts);
        Assert.Equal(5_000, await databases.CountAsync(SchemaVariant.Composite, TelemetryTable.Trades));

        var other = await DatasetSeeder.SeedAsync(databases.Server, options with { Seed = 8 }, null, Cancel);
        Assert.NotEqual(first.Checksum, other.Checksum);
        Assert.Equal(5_000, await databases.CountAsync(SchemaVariant.Basic, TelemetryTable.Trades));
    }

    [Fact]
    public async Task SeedAsync_CopyFromACompleteSource_ChecksTheMetricsAgain()
    {
        // The source is marked complete before a partitioned copy's check ends: a run that failed that check left it so.
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(trades: 5_000, variants: [SchemaVariant.Basic]);
        await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);
        await using (var basic = await databases.OpenAsync(SchemaVariant.Basic))
        {
            Assert.True(await basic.ExecuteAsync("UPDATE dd_telemetry_metrics SET value_sum = value_sum + 1 WHERE window_type = 'monthly'") > 0);
        }

        var refused = await Assert.ThrowsAsync<SeedException>(() =>
            DatasetSeeder.SeedAsync(databases.Server, options with { Variants = [SchemaVariant.Basic, SchemaVariant.Partitioned] }, null, Cancel));

        Assert.Contains("sampled metric windows differ from the raw rows' aggregation", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedAsync_SameRowsWithoutMetricsThere_IsNotTakenForComplete()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(trades: 2_000);
        var bare = await DatasetSeeder.SeedAsync(databases.Server, options with { ComputeMetrics = false }, null, Cancel);
        Assert.Equal(0, bare.RowCounts[TelemetryTable.Metrics.Name]);

        var full = await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);

        Assert.Equal(VariantAction.Loaded, full.Variants.Single().Action);
        Assert.Equal(bare.Checksum, full.Checksum);
        Assert.True(full.RowCounts[TelemetryTable.Metrics.Name] > 0);
        Assert.Equal(full.RowCounts[TelemetryTable.Metrics.Name], await databases.CountAsync(SchemaVariant.Basic, TelemetryTable.Metrics));
    }

    [Fact]
    public async Task SeededDataset_ReadOnlyAccountAndBenchNoSeed_DescribeTheDatasetAsTheSeederReportedIt()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        // bench --no-seed below takes all three variants.
        var options = databases.Options(trades: 5_000, variants: Enum.GetValues<SchemaVariant>());
        var result = await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);
        var reader = await databases.Server.CreateReadOnlyAccountAsync([databases.Name(SchemaVariant.Basic), databases.Name(SchemaVariant.Composite)], Cancel);

        foreach (var variant in new[] { SchemaVariant.Basic, SchemaVariant.Composite })
        {
            await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(reader) { Database = databases.Name(variant) }.ConnectionString);
            await connection.OpenAsync(Cancel);

            var described = await SeededDataset.DescribeAsync(connection, Cancel);

            Assert.NotNull(described);
            Assert.Equal((result.Seed, result.Scale, result.Checksum), (described.Seed, described.Scale, described.Checksum));
            Assert.Equal(result.RowCounts[TelemetryTable.Trades.Name], described.RowCounts[TelemetryTable.Trades.Name]);
            Assert.Equal(result.RowCounts[TelemetryTable.Health.Name], described.RowCounts[TelemetryTable.Health.Name]);
            Assert.Equal(result.RowCounts[TelemetryTable.Metrics.Name], described.RowCounts[TelemetryTable.Metrics.Name]);
        }

        // bench --no-seed counts the rows as found and takes the rest from the same record.
        var found = await Perf.Bench.BenchDataset.PrepareAsync(
            databases.Server,
            new Perf.Bench.BenchOptions(Perf.Bench.BenchCommand.Plans, "test", null, Perf.Bench.BenchPreset.Full, databases.Prefix, false, false, false, string.Empty, null, new(), []),
            Cancel);
        Assert.Equal((result.Seed, result.Scale, result.Checksum), (found.Info.Seed, found.Info.Scale, found.Info.Checksum));
        Assert.Equal(5_000, found.Info.RowCounts[TelemetryTable.Trades.Name]);

        // Rows archived since the seed: no longer the seeded dataset, so no checksum claims it; its counts describe it.
        var noSeed = new Perf.Bench.BenchOptions(Perf.Bench.BenchCommand.Plans, "test", null, Perf.Bench.BenchPreset.Full, databases.Prefix, false, false, false, string.Empty, null, new(), []);
        foreach (var variant in Enum.GetValues<SchemaVariant>())
        {
            await using var admin = new MySqlConnection(databases.Server.ConnectionStringFor(databases.Name(variant)));
            await admin.OpenAsync(Cancel);
            await using var delete = new MySqlCommand("DELETE FROM dd_trade_performance ORDER BY id LIMIT 10", admin);
            await delete.ExecuteNonQueryAsync(Cancel);
        }

        var changed = await Perf.Bench.BenchDataset.PrepareAsync(databases.Server, noSeed, Cancel);
        Assert.Equal(("as found (--no-seed; changed since seeded)", (string?)null, 4_990L), (changed.Info.Scale, changed.Info.Checksum, changed.Info.RowCounts[TelemetryTable.Trades.Name]));

        // One variant holding other rows than the others: their plans would not differ by the schema alone.
        await using (var basic = new MySqlConnection(databases.Server.ConnectionStringFor(databases.Name(SchemaVariant.Basic))))
        {
            await basic.OpenAsync(Cancel);
            await using var delete = new MySqlCommand("DELETE FROM dd_trade_performance ORDER BY id LIMIT 1", basic);
            await delete.ExecuteNonQueryAsync(Cancel);
        }

        var differ = await Assert.ThrowsAsync<Telemetry.CommandLine.UsageException>(() => Perf.Bench.BenchDataset.PrepareAsync(databases.Server, noSeed, Cancel));
        Assert.StartsWith("--no-seed: the variant databases hold different rows (", differ.Message, StringComparison.Ordinal);
        Assert.Contains($"{databases.Name(SchemaVariant.Basic)}: dd_system_health ", differ.Message, StringComparison.Ordinal);

        // A database the seeder did not fill records nothing, and reading it creates nothing.
        await databases.Server.EnsureDatabaseAsync(databases.Prefix + "_bare", Cancel);
        await using (var bare = new MySqlConnection(databases.Server.ConnectionStringFor(databases.Prefix + "_bare")))
        {
            await bare.OpenAsync(Cancel);
            Assert.Null(await SeededDataset.DescribeAsync(bare, Cancel));
            await using var tables = new MySqlCommand("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()", bare);
            Assert.Equal(0L, Convert.ToInt64(await tables.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture));
        }

        await databases.Server.DropDatabaseAsync(databases.Prefix + "_bare", Cancel);
    }

    [Fact]
    public async Task SeedAsync_OverTheDiskBudget_StopsBeforeWritingAndSaysWhatFits()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(variants: [SchemaVariant.Basic, SchemaVariant.Composite]);
        var health = GeneratedDataset.Generate(options.ToSpec()).Health.Count;
        long Needed(long trades) => options.Variants.Sum(v => DiskBudget.Estimate(v, trades, health, MetricRollup.WindowsPerRawRow(DatasetPlan.Create((options with { Trades = trades }).ToSpec(), options.ChunkRows))));

        // The health rows alone need more than 4 MiB: no trade count fits.
        var error = await Assert.ThrowsAsync<SeedException>(() => DatasetSeeder.SeedAsync(databases.Server, options with { MaxDiskBytes = 4L << 20 }, null, Cancel));

        Assert.Contains("--max-disk allows 4 MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Contains("no --trades for these variants", error.Message, StringComparison.Ordinal);
        await using var connection = new MySqlConnection(databases.Server.AdminConnectionString);
        var created = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE CONCAT(@prefix, '%')", new { prefix = databases.Prefix });
        Assert.Equal(0, created);

        // Between what the health rows and the whole dataset need: the trade count it names fits the same budget.
        var budget = (Needed(0) + Needed(options.Trades)) / 2;
        error = await Assert.ThrowsAsync<SeedException>(() => DatasetSeeder.SeedAsync(databases.Server, options with { MaxDiskBytes = budget }, null, Cancel));
        var suggested = long.Parse(Regex.Match(error.Message, @"about --trades (\d+) for these variants").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var fits = await DatasetSeeder.SeedAsync(databases.Server, options with { MaxDiskBytes = budget, Trades = suggested }, null, Cancel);
        Assert.Equal(suggested, fits.RowCounts[TelemetryTable.Trades.Name]);
    }

    [Fact]
    public async Task SeedAsync_OverTheDiskBudgetIntoAnExistingDatabase_CreatesNoTableThere()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(variants: [SchemaVariant.Basic]);
        await using var connection = new MySqlConnection(databases.Server.AdminConnectionString);
        await connection.ExecuteAsync($"CREATE DATABASE `{databases.Name(SchemaVariant.Basic)}`");

        var error = await Assert.ThrowsAsync<SeedException>(() => DatasetSeeder.SeedAsync(databases.Server, options with { MaxDiskBytes = 4L << 20 }, null, Cancel));

        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @database", new { database = databases.Name(SchemaVariant.Basic) }));
    }

    [Fact]
    public async Task SeedAsync_CompositeFromTheTableFiles_SameTablesAndRowsAsARowCopy()
    {
        await using var imported = new SeedDatabases(fixture.RequireServer());
        await using var copied = new SeedDatabases(fixture.RequireServer());
        var options = imported.Options(trades: 6_000, chunkRows: 1_500, variants: [SchemaVariant.Basic, SchemaVariant.Composite]);
        var expected = GeneratedDataset.Generate(options.ToSpec());

        var byFiles = await DatasetSeeder.SeedAsync(imported.Server, options, null, Cancel);
        var byRows = await DatasetSeeder.SeedAsync(copied.Server, options with { DatabasePrefix = copied.Prefix, ImportTablespaces = false }, null, Cancel);

        Assert.Equal([VariantAction.Loaded, VariantAction.Imported], byFiles.Variants.Select(v => v.Action));
        Assert.Equal([VariantAction.Loaded, VariantAction.Copied], byRows.Variants.Select(v => v.Action));
        Assert.Equal(byRows.RowsWritten, byFiles.RowsWritten);
        Assert.Equal(expected.Trades, await imported.ReadTradesAsync(SchemaVariant.Composite));
        Assert.Equal(expected.Health, await imported.ReadHealthAsync(SchemaVariant.Composite));
        await using var fromFiles = await imported.OpenAsync(SchemaVariant.Composite);
        await using var fromRows = await copied.OpenAsync(SchemaVariant.Composite);
        await using var filesSource = await imported.OpenAsync(SchemaVariant.Basic);
        await using var rowsSource = await copied.OpenAsync(SchemaVariant.Basic);
        foreach (var table in TelemetryTable.Live)
        {
            // The definition (columns, keys, every composite index) a row copy gives, and every column of every row equal to
            // the source's, as the server checksums them (load times differ between the two runs). The next id is the
            // source's: a bulk LOAD DATA reserves ids ahead, where a row copy's next id is its largest plus one.
            Assert.Equal(WithoutNextId(await ShowCreateAsync(fromRows, table)), WithoutNextId(await ShowCreateAsync(fromFiles, table)));
            Assert.Equal(NextId(await ShowCreateAsync(filesSource, table)), NextId(await ShowCreateAsync(fromFiles, table)));
            Assert.Equal(await ChecksumAsync(filesSource, table), await ChecksumAsync(fromFiles, table));
            Assert.Equal(await ChecksumAsync(rowsSource, table), await ChecksumAsync(fromRows, table));
        }

        Assert.Equal(await fromRows.QuerySingleAsync<string>("SELECT checksum FROM perf_dataset"), await fromFiles.QuerySingleAsync<string>("SELECT checksum FROM perf_dataset"));

        // The source's tables are released once the files are copied: a write does not wait.
        await using var source = await imported.OpenAsync(SchemaVariant.Basic);
        await source.ExecuteAsync("SET SESSION lock_wait_timeout = 5");
        Assert.Equal(1, await source.ExecuteAsync("UPDATE dd_trade_performance SET pnl = pnl + 0 WHERE id = 1"));

        static async Task<string> ShowCreateAsync(MySqlConnection connection, TelemetryTable table) =>
            (await connection.QuerySingleAsync<(string Table, string Create)>($"SHOW CREATE TABLE `{table.Name}`")).Create;

        static string WithoutNextId(string create) => Regex.Replace(create, @" AUTO_INCREMENT=\d+", string.Empty);

        static string NextId(string create) => Regex.Match(create, @"AUTO_INCREMENT=\d+").Value;

        static async Task<long?> ChecksumAsync(MySqlConnection connection, TelemetryTable table) =>
            (await connection.QuerySingleAsync<(string Table, long? Checksum)>($"CHECKSUM TABLE `{table.Name}` EXTENDED")).Checksum;
    }

    [Fact]
    public void IsOutOfSpace_AWriteToDevFull_IsOutOfSpace()
    {
        if (!OperatingSystem.IsLinux())
        {
            DatabaseServerFixture.SkipOrFail("/dev/full is Linux's");
        }

        var error = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes("/dev/full", new byte[4096]));

        Assert.True(DiskBudget.IsOutOfSpace(error), $"HResult {error.HResult}: {error.Message}");
        Assert.False(DiskBudget.IsOutOfSpace(new FileNotFoundException("gone")));
    }

    [Theory]
    [InlineData(100, 300, null)]
    [InlineData(250, 300, "--variants basic")]
    public void Check_OverBudget_NamesTheVariantsThatFit(long basicMiB, long availableMiB, string? fits)
    {
        var needed = new Dictionary<SchemaVariant, long> { [SchemaVariant.Basic] = basicMiB << 20, [SchemaVariant.Partitioned] = 200L << 20 };
        var problem = DiskBudget.Check(needed, availableMiB << 20, "--max-disk", 1_000_000, trades => ((basicMiB + 200) << 20) * trades / 1_000_000);
        if (basicMiB + 200 <= availableMiB)
        {
            Assert.Null(problem);
            return;
        }

        Assert.NotNull(problem);
        Assert.Contains($"needs about {new ByteSize((basicMiB + 200) << 20)}", problem, StringComparison.Ordinal);
        Assert.Contains(fits!, problem, StringComparison.Ordinal);
        Assert.Contains("about --trades 666000 for these variants", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReplacingADataset_TheTradesThatFitCountTheSpaceItFrees()
    {
        // 1M trades and 500k health rows into basic, replacing a database of 1 GiB: about 0.2 GiB beyond what it frees.
        var freed = 1L << 30;
        long Needed(long trades) => Math.Max(0, DiskBudget.Estimate(SchemaVariant.Basic, trades, 500_000, windowsPerRawRow: 1.75) - freed);
        var needed = new Dictionary<SchemaVariant, long> { [SchemaVariant.Basic] = Needed(1_000_000) };
        var available = needed[SchemaVariant.Basic] / 2;

        var problem = DiskBudget.Check(needed, available, "--max-disk", 1_000_000, Needed);

        var suggested = long.Parse(Regex.Match(problem!, @"about --trades (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(Needed(suggested), 0, available);
        Assert.True(Needed(suggested + 1000) > available, $"{suggested + 1000} trades fit too");
    }

    [Fact]
    public void Check_HealthRowsAloneOverBudget_SuggestsNoTradeCount()
    {
        long Needed(long trades) => DiskBudget.Estimate(SchemaVariant.Basic, trades, 7_000_000, windowsPerRawRow: 1.75);
        var needed = new Dictionary<SchemaVariant, long> { [SchemaVariant.Basic] = Needed(1_000_000) };

        var problem = DiskBudget.Check(needed, 3L << 30, "--max-disk", 1_000_000, Needed);

        Assert.DoesNotContain("about --trades", problem, StringComparison.Ordinal);
        Assert.Contains($"no --trades for these variants: the health rows alone need about {new ByteSize(Needed(0))}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedAsync_Metrics_EqualSqlAggregationOfTheRawRows_RolledUpDuringTheLoadOrAfterAResume()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());

        // Small chunks, so weeks and months span many chunks of the rollup; a first segment shorter than the dataset, so the
        // windows come from both ways of loading chunks; health on, so both metric types count.
        SeedOptions Options(SeedDatabases target) =>
            target.Options(trades: 8_000, chunkRows: 1_500, variants: [SchemaVariant.Basic, SchemaVariant.Partitioned]) with { BulkSegmentRows = 4_000 };
        var options = Options(databases);
        var result = await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);

        var metricRows = result.RowCounts[TelemetryTable.Metrics.Name];
        foreach (var variant in options.Variants)
        {
            await using var connection = await databases.OpenAsync(variant);
            var (compared, mismatches) = await RollupCheck.CompareAsync(connection, options.ToSpec().FromUtc, options.ToSpec().ToUtc, cancellationToken: Cancel);
            Assert.Empty(mismatches);
            Assert.Equal(metricRows, compared);
            Assert.Equal(compared, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_telemetry_metrics"));
        }

        // Every chunk loaded in this run: the windows were rolled up as they loaded, and the phase loaded those windows.
        Assert.Equal(metricRows, result.Phases.Single(p => p.Phase == SeedPhase.RollingUp).Rows);

        // A load resumed after an interruption generates the chunks again for the windows: the same rows, with the same ids.
        await using var resumed = new SeedDatabases(fixture.RequireServer());
        var resumedOptions = Options(resumed);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == SeedPhase.Loading && p.Done > resumedOptions.BulkSegmentRows)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatasetSeeder.SeedAsync(resumed.Server, resumedOptions, progress, stop.Token));
        var rerun = await DatasetSeeder.SeedAsync(resumed.Server, resumedOptions, null, Cancel);

        Assert.Equal(VariantAction.Resumed, rerun.Variants[0].Action);
        Assert.Equal(rerun.Phases.Single(p => p.Phase == SeedPhase.Loading).Rows, rerun.Phases.Single(p => p.Phase == SeedPhase.RollingUp).Rows);
        foreach (var variant in options.Variants)
        {
            Assert.Equal(await ReadMetricsAsync(databases, variant), await ReadMetricsAsync(resumed, variant));
        }

        static async Task<List<string>> ReadMetricsAsync(SeedDatabases target, SchemaVariant variant)
        {
            await using var connection = await target.OpenAsync(variant);
            return [.. await connection.QueryAsync<string>("""
                SELECT CONCAT_WS('|', id, profile_id, metric_type, metric_name, window_type, window_start, window_end, sample_count,
                                 value_sum, value_min, value_max, positive_count, negative_count)
                FROM dd_telemetry_metrics ORDER BY id
                """)];
        }
    }

    [Theory]
    [InlineData("UPDATE dd_telemetry_metrics SET value_sum = value_sum + 0.000001 WHERE window_type = 'hourly' AND window_start >= @day AND window_start < @day + INTERVAL 1 DAY LIMIT 1")]
    [InlineData("UPDATE dd_telemetry_metrics SET value_max = value_max + 1 WHERE window_type = 'monthly' AND metric_type = 'health' AND window_start <= @day ORDER BY window_start DESC LIMIT 1")]
    [InlineData("DELETE FROM dd_telemetry_metrics WHERE window_type = 'daily' AND window_start = @day LIMIT 1")]
    [InlineData("UPDATE dd_telemetry_metrics SET sample_count = sample_count + 1 WHERE window_type = 'weekly' AND window_start <= @day ORDER BY window_start DESC LIMIT 1")]
    public async Task CompareAsync_OneSampledWindowWrong_ReportsIt(string corrupt)
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(trades: 4_000);
        await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);
        var days = MarketCalendar.TradingDays(options.From, options.To);
        var day = days[days.Count / 2].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var connection = await databases.OpenAsync(SchemaVariant.Basic);
        var (compared, mismatches) = await RollupCheck.CompareAsync(connection, day, day.AddDays(1), cancellationToken: Cancel);
        Assert.Empty(mismatches);
        Assert.True(compared > 0);

        // The sample the seeder checks after every seed: the middle trading day, its week and its month.
        Assert.Equal(1, await connection.ExecuteAsync(corrupt, new { day }));
        (_, mismatches) = await RollupCheck.CompareAsync(connection, day, day.AddDays(1), cancellationToken: Cancel);

        Assert.NotEmpty(mismatches);
    }

    [Fact]
    public async Task SeedAsync_CancelledMidLoad_RerunLoadsExactlyTheMissingChunks()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        // The first ~10k rows go in as one bulk transaction, the rest chunk by chunk; stop right after the first chunk commits.
        var options = databases.Options(chunkRows: 5_000, variants: [SchemaVariant.Basic, SchemaVariant.Composite]) with { BulkSegmentRows = 10_000 };
        var expected = GeneratedDataset.Generate(options.ToSpec());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == SeedPhase.Loading && p.Done > options.BulkSegmentRows)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatasetSeeder.SeedAsync(databases.Server, options, progress, stop.Token));

        await using (var connection = await databases.OpenAsync(SchemaVariant.Basic))
        {
            Assert.Equal("loading", await connection.ExecuteScalarAsync<string>("SELECT state FROM perf_dataset"));
            var chunkTrades = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(trade_rows), 0) FROM perf_dataset_chunk");
            var trades = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance");
            Assert.Equal(chunkTrades, trades);
            Assert.InRange(trades, 1, options.Trades - 1);
        }

        var result = await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);

        Assert.Equal(VariantAction.Resumed, result.Variants[0].Action);
        Assert.Equal(expected.Checksum, result.Checksum);
        foreach (var variant in options.Variants)
        {
            Assert.Equal(expected.Trades, await databases.ReadTradesAsync(variant));
            Assert.Equal(expected.Health.Count, await databases.CountAsync(variant, TelemetryTable.Health));
        }
    }

    [Fact]
    public async Task Seeder_KilledMidLoad_RerunGivesExactRows()
    {
        var server = fixture.RequireServer();
        await using var databases = new SeedDatabases(server);
        string[] args = ["--trades", "600000", "--profiles", "20", "--from", "2024-01-01", "--to", "2024-07-01", "--health-interval", "0", "--no-metrics", "--variants", "basic", "--prefix", databases.Prefix];
        var options = SeedCommandLine.ParseOptions(args, DateOnly.FromDateTime(DateTime.UtcNow));

        var seedDll = typeof(DatasetSeeder).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(seedDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PERF_MYSQL"] = server.AdminConnectionString;
        using (var child = Process.Start(start)!)
        {
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var waited = Stopwatch.StartNew();
            while (await StateAsync(databases) != "loading" && !child.HasExited && waited.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(50, Cancel);
            }

            // Mid-stream: the bulk segment (all of this dataset) is being sent.
            await Task.Delay(1500, Cancel);
            Assert.False(child.HasExited, "the seeder finished before it could be killed");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(Cancel);
        }

        await using (var connection = await databases.OpenAsync(SchemaVariant.Basic))
        {
            // Only whole, recorded chunks survive a kill -9.
            Assert.NotEqual("complete", await connection.ExecuteScalarAsync<string>("SELECT state FROM perf_dataset"));
            Assert.Equal(
                await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(trade_rows), 0) FROM perf_dataset_chunk"),
                await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance"));
        }

        var result = await DatasetSeeder.SeedAsync(server, options, null, Cancel);

        Assert.Equal(VariantAction.Resumed, result.Variants[0].Action);
        Assert.Equal(GeneratedDataset.Generate(options.ToSpec()).Checksum, result.Checksum);
        await using var check = await databases.OpenAsync(SchemaVariant.Basic);
        var (count, min, max) = await check.QuerySingleAsync<(long, long, long)>("SELECT COUNT(*), MIN(id), MAX(id) FROM dd_trade_performance");
        Assert.Equal((600_000L, 1L, 600_000L), (count, min, max));
    }

    [Fact]
    public async Task SeedAsync_Append_AddsTheDatasetAfterTheRowsThere()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var first = databases.Options(trades: 4_000);
        await DatasetSeeder.SeedAsync(databases.Server, first, null, Cancel);

        var second = first with { Seed = 99, Mode = SeedMode.Append };
        var result = await DatasetSeeder.SeedAsync(databases.Server, second, null, Cancel);

        Assert.Equal(8_000, result.RowCounts[TelemetryTable.Trades.Name]);
        var trades = await databases.ReadTradesAsync(SchemaVariant.Basic);
        var appended = GeneratedDataset.Generate(second.ToSpec()).Trades.Select(t => t with { Id = t.Id + 4_000 });
        Assert.Equal(GeneratedDataset.Generate(first.ToSpec()).Trades.Concat(appended), trades);

        var again = await DatasetSeeder.SeedAsync(databases.Server, second, null, Cancel);
        Assert.Equal(VariantAction.Skipped, again.Variants[0].Action);

        await using var connection = await databases.OpenAsync(SchemaVariant.Basic);
        Assert.Equal(8_000, await connection.ExecuteScalarAsync<long>(
            "SELECT SUM(sample_count) FROM dd_telemetry_metrics WHERE window_type = 'monthly' AND metric_name = '*'"));
    }

    [Fact]
    public async Task SeedAsync_AppendAfterAnInterruptedAppendOfAnotherDataset_DropsItsRowsAndCountsOnlyWhatIsThere()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var first = databases.Options(trades: 2_000);
        await DatasetSeeder.SeedAsync(databases.Server, first, null, Cancel);

        // An append interrupted after some of its chunks committed, then given up for another dataset.
        var interrupted = databases.Options(trades: 20_000, seed: 99, chunkRows: 2_000) with { Mode = SeedMode.Append };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == SeedPhase.Loading && p.Done > 5_000)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatasetSeeder.SeedAsync(databases.Server, interrupted, progress, stop.Token));
        Assert.InRange(await databases.CountAsync(SchemaVariant.Basic, TelemetryTable.Trades), 2_001, 21_999);
        await using (var partial = await databases.OpenAsync(SchemaVariant.Basic))
        {
            // The tables hold rows no recorded checksum describes.
            Assert.Null(await SeededDataset.DescribeAsync(partial, Cancel));
        }

        var other = databases.Options(trades: 3_000, seed: 55) with { Mode = SeedMode.Append };
        var result = await DatasetSeeder.SeedAsync(databases.Server, other, null, Cancel);

        Assert.Equal(5_000, result.RowCounts[TelemetryTable.Trades.Name]);
        Assert.Equal(5_000, await databases.CountAsync(SchemaVariant.Basic, TelemetryTable.Trades));
        var appended = GeneratedDataset.Generate(other.ToSpec()).Trades.Select(t => t with { Id = t.Id + 2_000 });
        Assert.Equal(GeneratedDataset.Generate(first.ToSpec()).Trades.Concat(appended), await databases.ReadTradesAsync(SchemaVariant.Basic));
        await using var connection = await databases.OpenAsync(SchemaVariant.Basic);
        Assert.Equal(["complete", "complete"], await connection.QueryAsync<string>("SELECT state FROM perf_dataset ORDER BY dataset_id"));
    }

    [Fact]
    public async Task SeedAsync_Reset_DropsTheDatabaseFirst()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var options = databases.Options(trades: 2_000, variants: [SchemaVariant.Basic, SchemaVariant.Composite]);
        var first = await DatasetSeeder.SeedAsync(databases.Server, options, null, Cancel);
        Assert.Equal(VariantAction.Imported, first.Variants.Single(v => v.Variant == SchemaVariant.Composite).Action);
        string composite;
        await using (var connection = await databases.OpenAsync(SchemaVariant.Basic))
        {
            await connection.ExecuteAsync("CREATE TABLE stray (id INT)");
            composite = Path.Combine(await connection.ExecuteScalarAsync<string>("SELECT @@datadir") ?? "", databases.Name(SchemaVariant.Composite));
        }

        // The import leaves no export metadata behind; the files of an import interrupted before IMPORT TABLESPACE do not stop the reset.
        Assert.Empty(Directory.GetFiles(composite, "*.cfg"));
        await InterruptImportAsync(databases, composite);

        var result = await DatasetSeeder.SeedAsync(databases.Server, options with { Mode = SeedMode.Reset }, null, Cancel);

        Assert.Equal(VariantAction.Loaded, result.Variants[0].Action);
        await using var check = await databases.OpenAsync(SchemaVariant.Basic);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'stray'"));
        Assert.Equal(2_000, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance"));
        Assert.Empty(Directory.GetFiles(composite, "*.cfg"));
        Assert.Equal(2_000, await databases.CountAsync(SchemaVariant.Composite, TelemetryTable.Trades));
        foreach (var variant in options.Variants)
        {
            Assert.False(await SchemaExistsAsync(check, ReplacedTables.AsideName(databases.Name(variant))));
        }
    }

    [Fact]
    public async Task SeedAsync_ReplacingADataset_DropsTheOldTablesAndALeftoverAside()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        SchemaVariant[] variants = [SchemaVariant.Basic, SchemaVariant.Composite];
        await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 2_000, variants: variants), null, Cancel);
        var aside = ReplacedTables.AsideName(databases.Name(SchemaVariant.Basic));
        await using (var connection = await databases.OpenAsync(SchemaVariant.Basic))
        {
            // What a run killed before it dropped the tables it had moved aside leaves behind.
            await connection.ExecuteAsync($"CREATE DATABASE `{aside}`");
            await connection.ExecuteAsync($"CREATE TABLE `{aside}`.dd_trade_performance (id INT)");
            await InterruptImportAsync(databases, Path.Combine(await connection.ExecuteScalarAsync<string>("SELECT @@datadir") ?? "", databases.Name(SchemaVariant.Composite)));
        }

        var result = await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 3_000, seed: 8, variants: variants), null, Cancel);

        Assert.Equal([VariantAction.Loaded, VariantAction.Imported], result.Variants.Select(v => v.Action));
        Assert.Equal(3_000, await databases.CountAsync(SchemaVariant.Composite, TelemetryTable.Trades));
        await using var check = await databases.OpenAsync(SchemaVariant.Basic);
        Assert.Equal(3_000, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance"));
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_dataset"));
        Assert.False(await SchemaExistsAsync(check, aside));
    }

    [Fact]
    public async Task SeedAsync_ReplacingAnImportedCopy_KeepsTheTablesThatAreNotTheSeeders()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        SchemaVariant[] variants = [SchemaVariant.Basic, SchemaVariant.Composite];
        await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 2_000, variants: variants), null, Cancel);
        await using (var connection = await databases.OpenAsync(SchemaVariant.Composite))
        {
            // A lifecycle job's history in the variant's database; and an import interrupted before IMPORT TABLESPACE.
            await connection.ExecuteAsync("CREATE TABLE job_history (id INT PRIMARY KEY)");
            await connection.ExecuteAsync("INSERT INTO job_history VALUES (1), (2)");
            await InterruptImportAsync(databases, Path.Combine(await connection.ExecuteScalarAsync<string>("SELECT @@datadir") ?? "", databases.Name(SchemaVariant.Composite)));
        }

        var result = await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 3_000, seed: 8, variants: variants), null, Cancel);

        Assert.Equal([VariantAction.Loaded, VariantAction.Imported], result.Variants.Select(v => v.Action));
        Assert.Equal(3_000, await databases.CountAsync(SchemaVariant.Composite, TelemetryTable.Trades));
        Assert.Equal(result.RowCounts[TelemetryTable.Metrics.Name], await databases.CountAsync(SchemaVariant.Composite, TelemetryTable.Metrics));
        await using var check = await databases.OpenAsync(SchemaVariant.Composite);
        Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM job_history"));
    }

    [Fact]
    public async Task SeedAsync_ReplacingRowsTheJobsRecorded_DropsTheirRecords()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        SchemaVariant[] variants = [SchemaVariant.Basic];
        await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 2_000, variants: variants), null, Cancel);
        await using (var dataSource = TelemetryDataSource.Create(databases.Server.ConnectionStringFor(databases.Name(SchemaVariant.Basic))))
        await using (var connection = await databases.OpenAsync(SchemaVariant.Basic))
        {
            // archive's record of what it moved out of these rows, a rollup's of the ids it scanned (both as the jobs
            // write them), and a table of someone else's, which keeps the database.
            await new RetentionJob(dataSource, RetentionPolicy.Default, new RetentionOptions { Pause = TimeSpan.Zero }).RunAsync(DateTime.UtcNow, Cancel);
            await new IncrementalRollup(dataSource).RunAsync(RollupSource.Trades, cancellationToken: Cancel);
            await connection.ExecuteAsync("CREATE TABLE job_history (id INT PRIMARY KEY)");
            // Stage tables a killed archive run left holding a month of these rows, in neither the live table nor the archive.
            foreach (var (stage, live) in new[] { (StageTable.Trades, TelemetryTable.Trades), (StageTable.Metrics, TelemetryTable.Metrics) })
            {
                await connection.ExecuteAsync($"CREATE TABLE {stage.Name} LIKE {live.Name}");
                await connection.ExecuteAsync($"INSERT INTO {stage.Name} SELECT * FROM {live.Name} LIMIT 10");
            }

            Assert.Equal(4, await TablesAsync(connection, Records));
        }

        await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 3_000, seed: 8, variants: variants), null, Cancel);

        // Kept, the cutoff would tell the API every new trade was archived, the watermark make rollup-hourly skip rows, and
        // the next archive run finish the old dataset's staged rows into the new dataset's archive.
        await using var check = await databases.OpenAsync(SchemaVariant.Basic);
        Assert.Equal(0, await TablesAsync(check, Records));
        Assert.Equal(1, await TablesAsync(check, ["job_history"]));
        Assert.Equal(3_000, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance"));

        static Task<long> TablesAsync(MySqlConnection connection, string[] names) => connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN @names", new { names });
    }

    private static readonly string[] Records = [RetentionCutoffs.Table, IncrementalRollup.WatermarkTable, StageTable.Trades.Name, StageTable.Metrics.Name];

    /// <summary>A replacing run frees the tables it replaces, not the others in the database: it counted a job's table it keeps as freed and passed a budget its load would overrun.</summary>
    [Fact]
    public async Task SeedAsync_ReplacingBesideATableItKeeps_CountsOnlyWhatItFreesAgainstTheBudget()
    {
        await using var databases = new SeedDatabases(fixture.RequireServer());
        SchemaVariant[] variants = [SchemaVariant.Basic];
        await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 2_000, variants: variants), null, Cancel);
        long kept, freed;
        await using (var connection = await databases.OpenAsync(SchemaVariant.Basic))
        {
            await connection.ExecuteAsync("CREATE TABLE job_history (id INT PRIMARY KEY, note VARCHAR(2000))");
            await connection.ExecuteAsync("INSERT INTO job_history SELECT seq, REPEAT('x', 2000) FROM seq_1_to_4000");
            await connection.ExecuteAsync("ANALYZE TABLE job_history");
            const string bytes = "SELECT CAST(COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH + DATA_FREE), 0) AS SIGNED) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";
            kept = await connection.ExecuteScalarAsync<long>(bytes + " AND TABLE_NAME = 'job_history'");
            freed = await connection.ExecuteScalarAsync<long>(bytes + " AND TABLE_NAME <> 'job_history'");
        }

        var options = databases.Options(trades: 20_000, seed: 8, variants: variants);
        var plan = DatasetPlan.Create(options.ToSpec(), options.ChunkRows);
        var needed = DiskBudget.Estimate(SchemaVariant.Basic, plan.TotalTrades, plan.TotalHealth, MetricRollup.WindowsPerRawRow(plan)) - freed;
        var budget = needed - (kept / 2);
        Assert.InRange(budget, 1, needed - 1);

        var error = await Assert.ThrowsAsync<SeedException>(() => DatasetSeeder.SeedAsync(databases.Server, options with { MaxDiskBytes = budget }, null, Cancel));

        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        await using var check = await databases.OpenAsync(SchemaVariant.Basic);
        Assert.Equal(2_000, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance"));
        Assert.Equal(4_000, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM job_history"));
    }

    /// <summary>Leaves composite's metrics as a copy killed before <c>IMPORT TABLESPACE</c> leaves them: the table discarded, the copied files beside it.</summary>
    private static async Task InterruptImportAsync(SeedDatabases databases, string compositeDirectory)
    {
        await using var connection = await databases.OpenAsync(SchemaVariant.Composite);
        await connection.ExecuteAsync("ALTER TABLE dd_telemetry_metrics DISCARD TABLESPACE");
        await File.WriteAllBytesAsync(Path.Combine(compositeDirectory, "dd_telemetry_metrics.ibd"), new byte[16384], Cancel);
        await File.WriteAllTextAsync(Path.Combine(compositeDirectory, "dd_telemetry_metrics.cfg"), "copied before the import", Cancel);
    }

    private static async Task<bool> SchemaExistsAsync(MySqlConnection connection, string database) =>
        await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @database", new { database }) > 0;

    private static async Task<string?> StateAsync(SeedDatabases databases)
    {
        try
        {
            await using var connection = await databases.OpenAsync(SchemaVariant.Basic);
            return await connection.ExecuteScalarAsync<string?>("SELECT state FROM perf_dataset");
        }
        catch (MySqlConnector.MySqlException)
        {
            return null;
        }
    }
}
