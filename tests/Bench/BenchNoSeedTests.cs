using System.Security.Cryptography;
using MySqlConnector;
using Perf.Bench.Cli;
using Perf.Tests.CommandLine;
using Perf.Tests.Infrastructure;
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
