using System.Security.Cryptography;
using Dapper;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Bench.Capacity;
using Perf.Harness.Results;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>
/// The capacity sweep on the real server: its A/A pipeline (a variant against an identical copy of itself: equal work and a
/// p-value for every pair), its control (the same queries on the same rows beside every size, whatever the sizes' own data),
/// and its sizes interleaved (every size kept and timed in the same rounds, refused before writing when they would not fit
/// together).
/// </summary>
public sealed class SweepServerTests(DatabaseServerFixture fixture) : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-sweep-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task Sweep_CompositeAgainstItsCopy_EqualWorkAPValuePerPairAndTheControl()
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        var prefix = "aat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        // Six rounds a side let Mann–Whitney reach p = 0.002, below this run's α of 0.05 / 12, so the check can test the
        // timings (with fewer it says it could not). At 3k rows these queries take well under the 1 ms a timing claim also
        // needs, so what this run shows is the pipeline: equal exact work between the copies, a p-value for every pair, and
        // no claim. That a real difference is claimed is ClaimRule's unit tests' job (Reports/ClaimRuleTests).
        var options = ReportCommand.ParseOptions(["--sizes", "3k", "--variants", "composite", "--aa", "--rounds", "6", "--executions", "2", "--queries", "trades_page,summary/hot", "--prefix", prefix]);
        try
        {
            var writer = await ResultWriter.CreateAsync(RunManifest.Create("aa-test"), directory.FullName, ct);

            var data = await CapacitySweep.RunAsync(options, server, writer, directory.FullName, ct);
            var analysis = CapacityAnalysis.Analyze(data, null);

            var copy = Assert.Single(data.Copies);
            Assert.Equal(SchemaVariant.Composite, copy.Variant);
            // The control (the smallest size's rows, here the only size) was timed in the same rounds, every query with the
            // same exact work as the variant it copies, and no other size to drift against.
            var control = Assert.Single(data.Controls);
            Assert.Equal(3_000L, control.TradeRows);
            Assert.Equal(data.Measurements[0].Queries.Select(q => (q.Query, q.RowsExamined, 12)), control.Queries.Select(q => (q.Query, q.RowsExamined, q.RoundsMs.Sum(r => r.Count))));
            Assert.Null(analysis.HoldOut);
            Assert.Equal(12, analysis.AaCheck.Count);
            Assert.All(analysis.AaCheck, c =>
            {
                Assert.Equal(c.Result.ReferenceWork.RowsExamined, c.Result.CandidateWork.RowsExamined);
                Assert.NotNull(c.Result.PValue);
                Assert.Equal(12, c.Result.CandidateMedian.Samples);
            });
            Assert.Empty(analysis.AaCheck.Where(c => c.Result.IsClaim).Select(c => $"{c.Query}: {c.Result.Kind}"));
            Assert.StartsWith("A/A check passed", Assert.Single(analysis.Recommendations, r => r.Rule == "aa-check").Text, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(VariantDatabase.Name(prefix, SchemaVariant.Composite), CancellationToken.None);
            await server.DropDatabaseAsync(VariantDatabase.Name(options.CopyPrefixOf("3k"), SchemaVariant.Composite), CancellationToken.None);
            await server.DropDatabaseAsync(VariantDatabase.Name(options.ControlPrefix, SchemaVariant.Composite), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Sweep_TwoSizes_TheControlDoesTheSameWorkBesideBoth()
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        var prefix = "ctl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var options = ReportCommand.ParseOptions(["--sizes", "3k,12k", "--seed-profiles", "5", "--variants", "basic", "--rounds", "2", "--executions", "1", "--queries", "summary/hot,trades_page/cold,trades_deep", "--prefix", prefix]);
        try
        {
            var writer = await ResultWriter.CreateAsync(RunManifest.Create("control-test"), directory.FullName, ct);

            var data = await CapacitySweep.RunAsync(options, server, writer, directory.FullName, ct);

            Assert.Equal([3_000L, 12_000L], data.Controls.Select(c => c.TradeRows));
            // One profile's shape, for the report: 12k trades over 5 profiles at the default reader's 50 a day (350 a trading day):
            // 35 trading days, 49 calendar days.
            Assert.Equal((5, 12_000 / 5 / 49.0), (data.SeedProfiles!.Value, data.SeedTradesPerProfilePerDay!.Value));
            // Beside 12k the control examined what it examined beside 3k, query by query: its own rows and parameters. With five
            // profiles the 12k data's deep page lies far beyond the 3k rows' month, so run with the size's parameters the
            // control would have examined other rows; and the variant's own work moved with its data.
            Assert.Equal(data.Controls[0].Queries.Select(q => (q.Query, q.RowsExamined)), data.Controls[1].Queries.Select(q => (q.Query, q.RowsExamined)));
            Assert.Equal(data.Measurements[0].Queries.Select(q => (q.Query, q.RowsExamined)), data.Controls[0].Queries.Select(q => (q.Query, q.RowsExamined)));
            Assert.NotEqual(data.Measurements[1].Queries.Select(q => q.RowsExamined), data.Controls[1].Queries.Select(q => q.RowsExamined));
            Assert.Equal(10, data.DriftBetween(3_000, 12_000)!.Ratios.Count);
            // One size after the other: 12k's rounds began after 3k's ended.
            Assert.True(data.Measurements[1].TimedFromUtc > data.Measurements[0].TimedToUtc);
            // The control's DDL is the measured variant's: the same schema, recorded beside it.
            Assert.Equal(writer.Manifest.DdlHashes["Basic"], writer.Manifest.DdlHashes["control"]);
            Assert.StartsWith("dataset.control=control seed 42", writer.Manifest.Parameters.Select(p => $"{p.Key}={p.Value}").Single(p => p.StartsWith("dataset.control=", StringComparison.Ordinal)), StringComparison.Ordinal);
            // The manifest beside measurements.json already names them, with no report written yet: a sweep that fails at a
            // later size leaves the measured sizes re-renderable with their datasets and DDL.
            var stored = await RunManifestFile.ReadAsync(Path.Combine(directory.FullName, ResultWriter.ManifestFileName), ct);
            Assert.Equal(writer.Manifest.DdlHashes.OrderBy(h => h.Key, StringComparer.Ordinal), stored.DdlHashes.OrderBy(h => h.Key, StringComparer.Ordinal));
            Assert.Equal(writer.Manifest.Dataset?.Describe(), stored.Dataset?.Describe());
            Assert.Equal(writer.Manifest.Parameters["dataset.control"], stored.Parameters["dataset.control"]);
        }
        finally
        {
            await server.DropDatabaseAsync(VariantDatabase.Name(prefix, SchemaVariant.Basic), CancellationToken.None);
            await server.DropDatabaseAsync(VariantDatabase.Name(options.ControlPrefix, SchemaVariant.Basic), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Sweep_SizesInterleaved_KeepsEverySizeAndTimesThemWithoutAControl()
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        var prefix = "ilv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var options = ReportCommand.ParseOptions(["--sizes", "3k,12k", "--seed-profiles", "5", "--variants", "basic", "--rounds", "2", "--executions", "1", "--queries", "summary/hot,trades_deep", "--prefix", prefix, "--interleave-sizes"]);
        try
        {
            var writer = await ResultWriter.CreateAsync(RunManifest.Create("interleave-test"), directory.FullName, ct);

            var data = await CapacitySweep.RunAsync(options, server, writer, directory.FullName, ct);

            Assert.True(data.SizesInterleaved);
            Assert.Empty(data.Controls);
            Assert.DoesNotContain("control", writer.Manifest.DdlHashes.Keys);
            Assert.Equal([3_000L, 12_000L], data.Measurements.Select(m => m.TradeRows));
            // Both sizes are still there, each under its own prefix, for rounds that took turns on them: nothing reseeded the
            // smaller one's rows over with the larger's.
            await using var connection = new MySqlConnection(server.AdminConnectionString);
            await connection.OpenAsync(ct);
            foreach (var (label, rows) in new[] { ("3k", 3_000L), ("12k", 12_000L) })
            {
                Assert.Equal(rows, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM `{VariantDatabase.Name(options.PrefixOf(label), SchemaVariant.Basic)}`.dd_trade_performance"));
            }

            Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT COUNT(*) > 0 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name", new { name = VariantDatabase.Name(options.ControlPrefix, SchemaVariant.Basic) }));
            // Every size ran its own parameters: the deep page lies elsewhere in 12k's rows than in 3k's.
            Assert.NotEqual(data.Measurements[0].Queries.Select(q => q.RowsExamined), data.Measurements[1].Queries.Select(q => q.RowsExamined));
            Assert.All(data.Measurements.SelectMany(m => m.Queries), q => Assert.Equal(2, q.RoundsMs.Count));
            // Timed in the same rounds: one window for both sizes.
            Assert.Single(data.Measurements.Select(m => (m.TimedFromUtc, m.TimedToUtc)).Distinct());
            // Run again with a size beyond the disk, the two sizes' databases count as free: the sweep replaces them.
            var again = await CapacitySweep.DiskProblemAsync(options with { Sizes = [3_000, 12_000, 1_500_000_000], SeedTradesPerDay = 1_000_000 }, server, ct);
            Assert.Contains("more in the databases the sweep replaces; nothing was written", again, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(VariantDatabase.Name(options.PrefixOf("3k"), SchemaVariant.Basic), CancellationToken.None);
            await server.DropDatabaseAsync(VariantDatabase.Name(options.PrefixOf("12k"), SchemaVariant.Basic), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Report_SizesBeyondTheDisk_StopsBeforeWritingAndNamesWhatFits()
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        var prefix = "ilv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        // A billion and a half trades take hundreds of gigabytes in any variant; the two small sizes fit together.
        string[] sweep = ["--sizes", "3k,12k,1500m", "--seed-profiles", "5", "--seed-trades-per-day", "1000000", "--variants", "basic", "--prefix", prefix, "--interleave-sizes"];
        var options = ReportCommand.ParseOptions(sweep);

        var problem = await CapacitySweep.DiskProblemAsync(options, server, ct);

        Assert.NotNull(problem);
        Assert.Contains("nothing was written", problem, StringComparison.Ordinal);
        Assert.Contains("--sizes 3k,12k interleaved", problem, StringComparison.Ordinal);
        Assert.Contains("without --interleave-sizes", problem, StringComparison.Ordinal);
        Assert.Null(await CapacitySweep.DiskProblemAsync(options with { Sizes = [3_000, 12_000] }, server, ct));
        // One size at a time, the largest beside the control is what must fit.
        var oneAtATime = await CapacitySweep.DiskProblemAsync(options with { InterleaveSizes = false }, server, ct);
        Assert.Contains("at its largest size, which it keeps beside the control", oneAtATime, StringComparison.Ordinal);
        Assert.EndsWith("nothing was written. Would fit: --sizes 3k,12k.", oneAtATime, StringComparison.Ordinal);

        // The command stops on it before its run folder or any database exists.
        var results = Path.Combine(directory.FullName, "refused");
        var exit = await Perf.Bench.Cli.BenchCli.RunAsync(["report", .. sweep, "--mysql", server.AdminConnectionString, "--results", results], ct);

        Assert.Equal(1, exit);
        Assert.False(Directory.Exists(results));
        await using var connection = new MySqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE CONCAT(@prefix, '%')", new { prefix }));
    }
}
