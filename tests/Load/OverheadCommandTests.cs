using System.Security.Cryptography;
using System.Text.Json;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Tests.Load;

/// <summary><c>load overhead</c>: the query layer alone and the in-process API (cache off, cache on) under the same mix and rates, on a real server.</summary>
[Collection(LoadTimingGroup.Name)]
public sealed class OverheadCommandTests(DatabaseServerFixture fixture)
{
    private static readonly string[] Endpoints = ["trades", "summary", "metrics", "health"];

    [Fact]
    public async Task Overhead_SeededVariant_MeasuresEveryArmOnEveryEndpointAndWritesTheReport()
    {
        var server = fixture.RequireServer();
        var prefix = "oh" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var database = VariantDatabase.Name(prefix, SchemaVariant.Composite);
        await server.EnsureDatabaseAsync(database, TestContext.Current.CancellationToken);
        try
        {
            await SeededDatabase.FillAsync(server.ConnectionStringFor(database), SchemaVariant.Composite, null, TestTrades.Generate(2000, 3, 60), TestTrades.GenerateHealth(3, 10), 60, TestContext.Current.CancellationToken);
            var output = LoadTestSupport.TempDirectory();

            var (code, console, error) = await LoadTestSupport.RunCliAsync(
                ["overhead", "--prefix", prefix, "--start-rate", "20", "--step", "20", "--max-rate", "40", "--step-duration", "3s", "--warmup", "500ms", "--max-send-lag", "500ms",
                 "--no-default-thresholds", "--threshold", "http_req_failed<=0", "--quiet", "--results", output],
                Provisioning(server));

            Assert.True(code == ExitCodes.Success, console + error);
            Assert.Contains("the database-only capacity", console, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "overhead.json"), TestContext.Current.CancellationToken));
            var root = json.RootElement;
            var arms = root.GetProperty("arms").EnumerateArray().ToList();
            Assert.Equal(["database", "api-cache-off", "api-cache-on"], arms.Select(a => a.GetProperty("name").GetString()));

            // Judged on failures alone (60 requests a step bound no p99, and the targets are not a test's to assert): no
            // request fails at 20 or 40 req/s on 3 profiles, so every step passes and every capacity is "at least 40".
            Assert.All(arms, a => Assert.Equal(40, a.GetProperty("capacity").GetProperty("maxPassingRate").GetDouble()));
            Assert.Contains("query layer alone", arms[0].GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, root.GetProperty("ratio").GetProperty("value").GetDouble());

            // At the first rate, each endpoint was measured on every arm, all requests succeeded (60 per arm at 20/s for 3 s).
            var endpoints = root.GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("endpoint").GetString()!);
            Assert.All(Endpoints, name => Assert.All(endpoints[name].GetProperty("arms").EnumerateArray(), a => Assert.True(a.GetProperty("count").GetInt64() > 0, $"{name}: no request on {a.GetProperty("arm")}")));
            Assert.All(endpoints["all"].GetProperty("arms").EnumerateArray(), a => Assert.Equal(60, a.GetProperty("count").GetInt64()));
            foreach (var arm in new[] { "database", "api-cache-off", "api-cache-on" })
            {
                using var step = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, arm, "rate-20", "summary.json"), TestContext.Current.CancellationToken));
                Assert.Equal(0, step.RootElement.GetProperty("total").GetProperty("failed").GetInt64());
            }

            // The manifest covers the whole search: six steps of 3 s, each after its warm-up.
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json"), TestContext.Current.CancellationToken));
            var span = manifest.RootElement.GetProperty("endedUtc").GetDateTime() - manifest.RootElement.GetProperty("startedUtc").GetDateTime();
            Assert.True(span >= TimeSpan.FromSeconds(18), $"the manifest spans {span}");

            var report = await File.ReadAllTextAsync(Path.Combine(output, "overhead.md"), TestContext.Current.CancellationToken);
            Assert.Contains("sustains 1.00× the database-only capacity (any ratio: both searches passed every step up to --max-rate): it cannot be judged", report, StringComparison.Ordinal);
            Assert.Contains("| `trades` |", report, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(database, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Overhead_WithUrl_IsAUsageError()
    {
        var (code, console, error) = await LoadTestSupport.RunCliAsync(["overhead", "--url", "http://127.0.0.1:9/", "--quiet"]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("overhead needs the database under the API", console + error, StringComparison.Ordinal);
    }

    private static ProvisioningOptions Provisioning(ProvisionedServer server) =>
        new() { ConnectionString = server.AdminConnectionString, AllowTestcontainers = false, AllowLocalServer = false };
}
