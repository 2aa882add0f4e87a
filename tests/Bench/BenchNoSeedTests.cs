using System.Security.Cryptography;
using MySqlConnector;
using Perf.Bench.Cli;
using Perf.Seed;
using Perf.Tests.CommandLine;
using Perf.Tests.Infrastructure;
using Perf.Tests.Seed;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary><c>--no-seed</c> on variant databases that are not there, or hold no trades: one line and exit 104 before a results folder (or the probe's file) is made.</summary>
public sealed class BenchNoSeedTests(DatabaseServerFixture fixture) : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-no-seed-");

    private readonly string prefix = "bench_noseed_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public void Dispose() => directory.Delete(recursive: true);

    [Theory]
    [InlineData("")]
    [InlineData("plans")]
    [InlineData("gate")]
    [InlineData("statements")]
    [InlineData("probe --serve --variant basic")]
    [InlineData("probe --prepare-only --variant basic")]
    public async Task Run_NoSeedOnMissingDatabases_UsageErrorNothingWritten(string command)
    {
        var (code, error, results) = await RunAsync(command);

        BadInputTests.AssertUsageError(code, error, "bench", $"--no-seed: Unknown database '{prefix}_basic'; run without --no-seed to seed {prefix}_*");
        Assert.False(Directory.Exists(results));
    }

    [Theory]
    [InlineData("plans")]
    [InlineData("statements")]
    [InlineData("probe --serve --variant basic")]
    [InlineData("probe --prepare-only --variant basic")]
    public async Task Run_NoSeedOnEmptyDatabases_UsageErrorNothingWritten(string command)
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        try
        {
            foreach (var variant in Enum.GetValues<SchemaVariant>())
            {
                var database = VariantDatabase.Name(prefix, variant);
                await server.EnsureDatabaseAsync(database, ct);
                await using var connection = new MySqlConnection(server.ConnectionStringFor(database));
                await connection.OpenAsync(ct);
                await SchemaBuilder.BuildAsync(connection, variant, PartitionPlan.Covering(TestTrades.Origin, TestTrades.Origin.AddDays(30), monthsAhead: 2), ct);
            }

            var (code, error, results) = await RunAsync(command);

            BadInputTests.AssertUsageError(code, error, "bench", $"--no-seed: {prefix}_basic holds no trades; run without --no-seed to seed {prefix}_*");
            Assert.False(Directory.Exists(results));
        }
        finally
        {
            foreach (var variant in Enum.GetValues<SchemaVariant>())
            {
                await server.DropDatabaseAsync(VariantDatabase.Name(prefix, variant), CancellationToken.None);
            }
        }
    }

    [Theory]
    [InlineData("UPDATE perf_dataset SET seed = seed + 1, checksum = 'ffffffff'", "test seed 8 checksum ffffffff, rows ")]
    [InlineData("DROP TABLE perf_dataset_chunk, perf_dataset", "as found (--no-seed) seed 0 checksum none, rows ")]
    public async Task Run_NoSeedOnVariantsWithOtherDatasetsOfTheSameRows_UsageErrorNothingWritten(string otherDataset, string basicSays)
    {
        await using var databases = new SeedDatabases(fixture.RequireServer(), prefix);
        var ct = TestContext.Current.CancellationToken;
        var seeded = await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 5_000, seed: 7, variants: Enum.GetValues<SchemaVariant>()), null, ct);
        await using (var basic = await databases.OpenAsync(SchemaVariant.Basic))
        {
            // The basic variant's rows counted alike, but described (or not) as another dataset: the composite's seed and
            // checksum would claim rows nothing says it holds.
            await using var change = new MySqlCommand(otherDataset, basic);
            await change.ExecuteNonQueryAsync(ct);
        }

        var (code, error, results) = await RunAsync("plans");

        BadInputTests.AssertUsageError(code, error, "bench", $"--no-seed: the variant databases hold different datasets ({prefix}_basic: ");
        Assert.Contains($"{prefix}_basic: {basicSays}", error, StringComparison.Ordinal);
        Assert.Contains($"{prefix}_composite: test seed {seeded.Seed} checksum {seeded.Checksum}", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results));
    }

    private async Task<(int Code, string Error, string Results)> RunAsync(string command)
    {
        var server = fixture.RequireServer();
        var results = Path.Combine(directory.FullName, "run");
        using var output = new StringWriter();
        using var error = new StringWriter();
        // The probe writes one file, which the gate names, where the other commands write a results folder.
        string[] writes = command.StartsWith("probe", StringComparison.Ordinal) ? ["--out", Path.Combine(results, "probe.json")] : ["--results", results];
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--prefix", prefix, "--no-seed", "--mysql", server.AdminConnectionString, .. writes];

        var code = await BenchCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);

        return (code, error.ToString(), results);
    }
}
