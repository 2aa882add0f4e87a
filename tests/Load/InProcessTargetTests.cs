using System.Security.Cryptography;
using System.Text.Json;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Perf.Load.Scenarios;
using Perf.Seed;
using Perf.Tests.Infrastructure;
using Perf.Tests.Seed;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Tests.Load;

/// <summary>The default target: the real API hosted in-process over the provisioned server's seeded variant database.</summary>
[Collection(LoadTimingGroup.Name)]
public sealed class InProcessTargetTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task Check_NoSeededDatabase_IsAConfigurationError()
    {
        var server = fixture.RequireServer();
        var (code, console) = await CheckAsync(server, "ldmissing" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), LoadTestSupport.TempDirectory());

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("has no seeded trades", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SeededVariant_LoadsTheInProcessApiOverRedisAndPasses()
    {
        var server = fixture.RequireServer();
        var redis = fixture.RequireRedis();
        var prefix = "ld" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var database = VariantDatabase.Name(prefix, SchemaVariant.Composite);
        await server.EnsureDatabaseAsync(database, TestContext.Current.CancellationToken);
        try
        {
            await SeedAsync(server, database);
            var output = LoadTestSupport.TempDirectory();

            // Forty requests cannot bound the default p95 and p99, and the targets are not a test's to assert: the check
            // is judged on its failures alone.
            var (code, console) = await CheckAsync(server, prefix, output, "--redis", redis.Configuration, "--no-default-thresholds", "--threshold", "http_req_failed<=0");

            Assert.True(code == ExitCodes.Success, console);
            Assert.Contains("PASS  http_req_failed<=0", console, StringComparison.Ordinal);
            using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json"), TestContext.Current.CancellationToken));
            var root = summary.RootElement;
            Assert.Equal(0, root.GetProperty("total").GetProperty("failed").GetInt64());
            Assert.Contains("in-process API", root.GetProperty("configuration").GetProperty("target").GetString(), StringComparison.Ordinal);
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json"), TestContext.Current.CancellationToken));
            Assert.Contains("profiles 1-3", manifest.RootElement.GetProperty("parameters").GetProperty("dataset").GetString(), StringComparison.Ordinal);
            // The named Redis was probed and is the API's second cache level, in the provenance.
            Assert.Equal(redis.ToString().Replace("(local:redis-server)", "(configuration)", StringComparison.Ordinal), manifest.RootElement.GetProperty("redis").GetString());
        }
        finally
        {
            await server.DropDatabaseAsync(database, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task StartOn_TradesDeletedSinceSeeded_DatasetHasNoChecksum()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var databases = new SeedDatabases(fixture.RequireServer());
        var seeded = await DatasetSeeder.SeedAsync(databases.Server, databases.Options(trades: 2_000, variants: [SchemaVariant.Composite]), null, cancel);
        var options = new InProcessOptions(SchemaVariant.Composite, databases.Prefix, Caching: false, new ProvisioningOptions { AllowTestcontainers = false, AllowLocalServer = false });

        await using (var target = await InProcessApi.StartOnAsync(databases.Server, options, TrafficOptions.Default, cancel))
        {
            Assert.Equal((seeded.Seed, seeded.Checksum, 2_000L), (target.Seeded!.Seed, target.Seeded.Checksum, target.Seeded.RowCounts[TelemetryTable.Trades.Name]));
        }

        await using (var admin = await databases.OpenAsync(SchemaVariant.Composite))
        {
            await using var delete = new MySqlCommand("DELETE FROM dd_trade_performance ORDER BY id LIMIT 10", admin);
            await delete.ExecuteNonQueryAsync(cancel);
        }

        // The seeder's record still says 2,000 trades and its checksum; the run measures other rows, which no checksum describes.
        await using (var target = await InProcessApi.StartOnAsync(databases.Server, options, TrafficOptions.Default, cancel))
        {
            Assert.Equal(("as found (changed since seeded)", (string?)null, 1_990L), (target.Seeded!.Scale, target.Seeded.Checksum, target.Seeded.RowCounts[TelemetryTable.Trades.Name]));
        }
    }

    private static Task SeedAsync(ProvisionedServer server, string database) =>
        SeededDatabase.FillAsync(server.ConnectionStringFor(database), SchemaVariant.Composite, null, TestTrades.Generate(2000, 3, 60), TestTrades.GenerateHealth(3, 10), 60, TestContext.Current.CancellationToken);

    private static async Task<(int Code, string Console)> CheckAsync(ProvisionedServer server, string prefix, string output, params string[] extra)
    {
        var provisioning = new ProvisioningOptions { ConnectionString = server.AdminConnectionString, AllowTestcontainers = false, AllowLocalServer = false };
        var (code, console, error) = await LoadTestSupport.RunCliAsync(
            ["check", "--prefix", prefix, "--rate", "20", "--duration", "2s", "--warmup", "500ms", "--max-send-lag", "500ms", "--quiet", "--no-html", "--results", output, .. extra],
            provisioning);
        return (code, console + error);
    }
}
