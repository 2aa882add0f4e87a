using System.Text.Json;
using Perf.Bench.Capacity;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Tests.Load;

/// <summary><c>load run --cache-state</c>: cold and memory-constrained runs restart the in-process API's server first, and every in-process run records the pool and the pages the measured period read from disk.</summary>
[Collection(LoadTimingGroup.Name)]
public sealed class CacheStateLoadTests : IDisposable
{
    private const string Prefix = "cachestate";
    private const long UsualPool = 64L << 20;
    private readonly ServerHome home = new("cache-state");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task Run_ColdConstrainedAndWarm_RecordThePoolAndThePagesTheMeasuredPeriodReadFromDisk()
    {
        await SeedAsync();

        // Each run starts the server on the test's data directory and stops it at its end, so the next one starts as usual.
        var cold = await RunAsync("--cache-state", "cold");
        var constrained = await RunAsync("--cache-state", "constrained", "--buffer-pool", "32M", "--warmup", "1s");
        var warm = await RunAsync("--warmup", "2s");

        Assert.Equal(("Cold", UsualPool, "O_DIRECT"), cold.Condition);
        Assert.Equal(0, cold.Summary.GetProperty("configuration").GetProperty("warmupSeconds").GetDouble());
        Assert.Equal(("Constrained", 32L << 20, "O_DIRECT"), constrained.Condition);
        Assert.Equal("Warm", warm.Condition.State);
        Assert.Equal(UsualPool, warm.Condition.Pool);

        // Only a restart says whether it dropped the OS page cache: cold and constrained restarted, warm did not.
        Assert.NotEqual(JsonValueKind.Null, cold.OsPageCacheDropped);
        Assert.NotEqual(JsonValueKind.Null, constrained.OsPageCacheDropped);
        Assert.Equal(JsonValueKind.Null, warm.OsPageCacheDropped);

        // The manifest's server settings are the restarted server's, not the ones it was provisioned with.
        Assert.Equal((32L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), constrained.PoolSetting);
        Assert.Equal(UsualPool.ToString(System.Globalization.CultureInfo.InvariantCulture), warm.PoolSetting);

        // Counted over the measured period, per measured request.
        foreach (var run in new[] { cold, constrained, warm })
        {
            Assert.Equal(run.Summary.GetProperty("total").GetProperty("count").GetInt64(), run.Pages.GetProperty("executions").GetInt64());
            Assert.True(run.Pages.GetProperty("logicalReads").GetInt64() > run.Pages.GetProperty("physicalReads").GetInt64(), run.Console);
        }

        // Cold measures from an empty pool: the pages the traffic needs come from the disk inside the measured period. The
        // warm run's warm-up read them before its measured period began.
        var coldReads = cold.Pages.GetProperty("physicalReads").GetInt64();
        var warmReads = warm.Pages.GetProperty("physicalReads").GetInt64();
        Assert.True(coldReads > 4 * Math.Max(1, warmReads), $"cold {coldReads} pages from disk, warm {warmReads}");

        Assert.Contains("Database cache cold: the server was restarted with an empty buffer pool", cold.Report, StringComparison.Ordinal);
        Assert.Contains("Database cache memory-constrained", constrained.Report, StringComparison.Ordinal);
        Assert.Contains("Database cache warm-up only: the server was started for this run", warm.Report, StringComparison.Ordinal);
        Assert.Contains("disk reads per request", warm.Report, StringComparison.Ordinal);
        Assert.Contains("Database cache cold", cold.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_Constrained_EveryStepRecordsThePoolsHitRatioAndDiskReads()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync();
        var output = LoadTestSupport.TempDirectory();

        var (code, console, error) = await LoadTestSupport.RunCliAsync(
            ["capacity", "--prefix", Prefix, "--variant", "composite", "--no-cache", "--cache-state", "constrained", "--buffer-pool", "32M",
                "--start-rate", "10", "--step", "10", "--max-rate", "20", "--step-duration", "2s", "--warmup", "0.5s", "--timeout", "10s",
                "--max-send-lag", "500ms", "--no-default-thresholds", "--threshold", "http_req_failed<0.5", "--results", output],
            Provisioning());

        Assert.True(code == ExitCodes.Success, console + error);
        var capacity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "capacity.json"), ct)).RootElement;
        var condition = capacity.GetProperty("cache").GetProperty("condition");
        Assert.Equal(("Constrained", 32L << 20), (condition.GetProperty("state").GetString(), condition.GetProperty("bufferPoolBytes").GetInt64()));
        var steps = capacity.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(2, steps.Count);
        foreach (var step in steps)
        {
            // Each step's own measured period, per request it completed.
            var pages = step.GetProperty("pages");
            Assert.Equal(step.GetProperty("samples").GetInt64(), pages.GetProperty("executions").GetInt64());
            Assert.True(pages.GetProperty("logicalReads").GetInt64() > pages.GetProperty("physicalReads").GetInt64(), console);
        }

        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "capacity.md"), ct);
        Assert.Contains("| hit ratio | disk reads / request |", markdown, StringComparison.Ordinal);
        Assert.Contains("Database cache memory-constrained", markdown, StringComparison.Ordinal);
        Assert.Contains("hit ratio", console.Split('\n').First(l => l.Contains("rate       20/s", StringComparison.Ordinal)), StringComparison.Ordinal);

        // The capacity report reads the pages of the step that set the capacity.
        var (rps, _, atCapacity) = (await CapacityProbe.ReadAsync(Path.Combine(output, "capacity.json"), ct))!;
        Assert.Equal(20, rps);
        Assert.Equal(steps[1].GetProperty("pages").GetProperty("logicalReads").GetInt64(), atCapacity!.LogicalReads);
    }

    [Fact]
    public async Task Capacity_Cold_UsageErrorBeforeAnythingRuns()
    {
        var (code, console, error) = await LoadTestSupport.RunCliAsync(
            ["capacity", "--prefix", Prefix, "--cache-state", "cold", "--quiet", "--results", LoadTestSupport.TempDirectory()], Provisioning());

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("only its first step would be cold", console + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home.Path), "no server was started");
    }

    [Theory]
    [InlineData("--cache-state cold --warmup 2s", "a warm-up would warm the cache")]
    [InlineData("--buffer-pool 64M", "give it with --cache-state constrained")]
    [InlineData("--cache-state constrained --buffer-pool 1M", "below the smallest pool the harness uses")]
    [InlineData("--cache-state cold --restart-db-at 2s", "give one of them")]
    [InlineData("--cache-state cold --url http://127.0.0.1:9", "cannot restart the one behind --url")]
    [InlineData("--cache-state hot", "--cache-state 'hot' is not one of warm, cold, constrained")]
    public async Task Run_CacheStateThatCannotBeMeasured_UsageErrorBeforeAnythingRuns(string arguments, string message)
    {
        var (code, console, error) = await LoadTestSupport.RunCliAsync(
            ["run", "--prefix", Prefix, "--rate", "5", "--duration", "3s", "--quiet", "--results", LoadTestSupport.TempDirectory(), .. arguments.Split(' ')],
            Provisioning());

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(message, console + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home.Path), "no server was started");
    }

    private async Task SeedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PrivateServer.ProvisionAsync(home.Path, ct);
        var database = VariantDatabase.Name(Prefix, SchemaVariant.Composite);
        await server.EnsureDatabaseAsync(database, ct);
        await SeededDatabase.FillAsync(server.ConnectionStringFor(database), SchemaVariant.Composite, null, TestTrades.Generate(3000, 3, 60), TestTrades.GenerateHealth(3, 10), 60, ct);
    }

    private ProvisioningOptions Provisioning() => new() { DataDirectory = home.Path, BufferPoolSize = "64M", RedoLogSize = "48M", AllowTestcontainers = false };

    private async Task<RunFiles> RunAsync(params string[] extra)
    {
        var ct = TestContext.Current.CancellationToken;
        var output = LoadTestSupport.TempDirectory();
        var (code, console, error) = await LoadTestSupport.RunCliAsync(
            ["run", "--prefix", Prefix, "--variant", "composite", "--no-cache", "--rate", "20", "--duration", "5s", "--timeout", "10s",
                "--max-send-lag", "500ms", "--no-default-thresholds", "--results", output, .. extra],
            Provisioning());
        Assert.True(code == ExitCodes.Success, console + error);
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json"), ct)).RootElement;
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json"), ct)).RootElement;
        return new RunFiles(summary, manifest, await File.ReadAllTextAsync(Path.Combine(output, "report.md"), ct), console);
    }

    private sealed record RunFiles(JsonElement Summary, JsonElement Manifest, string Report, string Console)
    {
        private JsonElement Cache => Summary.GetProperty("cache");

        public (string State, long Pool, string Flush) Condition
        {
            get
            {
                var c = Cache.GetProperty("condition");
                return (c.GetProperty("state").GetString()!, c.GetProperty("bufferPoolBytes").GetInt64(), c.GetProperty("flushMethod").GetString()!);
            }
        }

        public JsonValueKind OsPageCacheDropped => Cache.GetProperty("condition").GetProperty("osPageCacheDropped").ValueKind;

        public JsonElement Pages => Cache.GetProperty("pages");

        public string? PoolSetting => Manifest.GetProperty("server").GetProperty("settings").GetProperty("innodb_buffer_pool_size").GetString();
    }
}
