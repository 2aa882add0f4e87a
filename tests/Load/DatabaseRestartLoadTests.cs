using System.Text.Json;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Tests.Load;

/// <summary><c>load run --restart-db-at</c>: the database under the in-process API restarts mid-run, on a server of the test's own.</summary>
[Collection(LoadTimingGroup.Name)]
public sealed class DatabaseRestartLoadTests : IDisposable
{
    private const string Prefix = "outage";
    private readonly ServerHome home = new("outage");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task Run_DatabaseRestartedMidRun_CompletesCountsFailuresByKindAndTheApiRecoversOnItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var server = await PrivateServer.ProvisionAsync(home.Path, ct))
        {
            var database = VariantDatabase.Name(Prefix, SchemaVariant.Composite);
            await server.EnsureDatabaseAsync(database, ct);
            await SeededDatabase.FillAsync(server.ConnectionStringFor(database), SchemaVariant.Composite, null, TestTrades.Generate(2000, 3, 60), TestTrades.GenerateHealth(3, 10), 60, ct);
        }

        // The seeding server has stopped: the load tool starts its own on the same data directory, so it may restart it.
        var output = LoadTestSupport.TempDirectory();
        var (code, console) = await RunAsync(output, "--restart-db-at", "3s");

        Assert.True(code == ExitCodes.Success, console);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json"), ct));
        var root = summary.RootElement;
        var total = root.GetProperty("total");
        var statuses = total.GetProperty("statusCodes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

        // Every scheduled request was sent and counted: none lost, none hung past its timeout.
        Assert.Equal(root.GetProperty("generator").GetProperty("scheduled").GetInt64(), total.GetProperty("count").GetInt64());
        Assert.Equal(240, total.GetProperty("count").GetInt64());
        Assert.False(statuses.ContainsKey("timeout"), console);
        Assert.True(total.GetProperty("latency").GetProperty("max").GetDouble() < 10_000, console);

        // The outage failed requests, each counted by kind: 503 from the API while the database was away.
        Assert.True(total.GetProperty("failed").GetInt64() > 0, console);
        Assert.True(statuses.GetValueOrDefault("503") > 0, string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}")));
        Assert.Equal(total.GetProperty("failed").GetInt64(), statuses.Where(s => s.Key != "200").Sum(s => s.Value));

        // The API went unready during the restart and ready again by itself, and the failures lie inside that window.
        var outage = root.GetProperty("outage");
        var started = root.GetProperty("startedUtc").GetDateTimeOffset();
        var down = (outage.GetProperty("downUtc").GetDateTimeOffset() - started).TotalSeconds;
        var unready = outage.GetProperty("unreadyUtc").GetDateTimeOffset();
        var readyAgain = (outage.GetProperty("readyAgainUtc").GetDateTimeOffset() - started).TotalSeconds;
        Assert.InRange(down, 2, 4.5);
        Assert.True(unready <= outage.GetProperty("upUtc").GetDateTimeOffset(), "unready before the server was up again");
        Assert.True(readyAgain < 11, $"ready again at {readyAgain:0.0} s");
        var timeline = root.GetProperty("timeline").EnumerateArray()
            .Select(p => (Second: p.GetProperty("second").GetDouble(), Errors: p.GetProperty("errors").GetInt64())).ToList();
        Assert.All(timeline.Where(p => p.Errors > 0), p => Assert.InRange(p.Second, down, readyAgain + 2));
        Assert.True(timeline.Where(p => p.Second > readyAgain + 2).Sum(p => p.Errors) == 0, "requests succeed again after the API is ready");
        Assert.Contains(timeline, p => p.Second > readyAgain + 2);

        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), ct);
        Assert.Contains("**Fault:** Database restarted", report, StringComparison.Ordinal);
        Assert.Contains("ready again at", report, StringComparison.Ordinal);
        Assert.Contains("fault: Database restarted", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RestartOutsideTheMeasuredPeriod_IsAUsageErrorBeforeAnythingRuns()
    {
        var (code, console) = await RunAsync(LoadTestSupport.TempDirectory(), "--restart-db-at", "30s");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--restart-db-at must fall inside the measured period", console, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home.Path), "no server was started");
    }

    /// <summary>Each wait is within a timer's reach, their sum is not: the restart's one timer threw once the target was up.</summary>
    [Fact]
    public async Task Run_WarmupPlusRestartLongerThanATimerTakes_IsAUsageErrorBeforeAnythingRuns()
    {
        var provisioning = new ProvisioningOptions { DataDirectory = home.Path, AllowTestcontainers = false };
        var (code, output, error) = await LoadTestSupport.RunCliAsync(
            ["run", "--prefix", Prefix, "--rate", "1", "--duration", "700h", "--warmup", "590h", "--restart-db-at", "10h", "--no-default-thresholds", "--quiet", "--results", LoadTestSupport.TempDirectory()],
            provisioning);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--warmup plus --restart-db-at is longer than the runner's timers can wait (596h).", output + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home.Path), "no server was started");
    }

    private async Task<(int Code, string Console)> RunAsync(string output, params string[] extra)
    {
        var provisioning = new ProvisioningOptions { DataDirectory = home.Path, BufferPoolSize = "64M", RedoLogSize = "48M", AllowTestcontainers = false };
        var (code, console, error) = await LoadTestSupport.RunCliAsync(
            ["run", "--prefix", Prefix, "--variant", "composite", "--no-cache", "--rate", "20", "--duration", "12s", "--warmup", "1s", "--timeout", "10s",
                "--max-send-lag", "500ms", "--no-default-thresholds", "--quiet", "--results", output, .. extra],
            provisioning);
        return (code, console + error);
    }
}
