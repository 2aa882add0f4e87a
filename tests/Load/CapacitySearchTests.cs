using System.Text.Json;
using Perf.Bench.Capacity;
using Perf.Load.Calibration;
using Perf.Load.Cli;
using Spectre.Console.Testing;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

[Collection(LoadTimingGroup.Name)]
public sealed class CapacitySearchTests
{
    [Fact]
    public async Task Capacity_EveryStepPasses_ReportsALowerBoundNotTheCapacity()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var directory = LoadTestSupport.TempDirectory();
        var console = new TestConsole();

        var exit = await LoadCli.RunAsync(
            ["capacity", "--url", server.BaseAddress.ToString(), "--scenario", "get:/", "--start-rate", "20", "--step", "20", "--max-rate", "40",
             "--step-duration", "1s", "--warmup", "0.2s", "--max-send-lag", "500ms", "--results", directory],
            console,
            null,
            TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "capacity.json"), TestContext.Current.CancellationToken));
        Assert.Equal(40, json.RootElement.GetProperty("maxPassingRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("firstFailingRate").ValueKind);
        Assert.True(json.RootElement.GetProperty("reachedMaxRate").GetBoolean());
        // bench's sweep reads the same file back as the load program's own type.
        Assert.Equal((40.0, true), await CapacityProbe.ReadAsync(Path.Combine(directory, "capacity.json"), TestContext.Current.CancellationToken));
        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "capacity.md"), TestContext.Current.CancellationToken);
        Assert.Contains("the capacity is at least this", markdown, StringComparison.Ordinal);
        Assert.StartsWith("<!-- Provenance", markdown, StringComparison.Ordinal);
        Assert.Contains("| 40 | PASS | ", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "manifest.json")));
        Assert.Contains("capacity: at least 40 requests/s", console.Output, StringComparison.Ordinal);
    }
}
