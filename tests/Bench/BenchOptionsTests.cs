using Perf.Bench;

namespace Perf.Tests.Bench;

public sealed class BenchOptionsTests
{
    [Fact]
    public void Parse_NoArguments_RunsTheFullSuiteOnSmall()
    {
        var options = BenchOptions.Parse([], "/repo");

        Assert.Equal(BenchCommand.Suite, options.Command);
        Assert.Equal("small", options.Scale);
        Assert.Equal(BenchPreset.Full, options.Preset);
        Assert.Equal("bench_small", options.Prefix);
        Assert.True(options.Seed);
        Assert.Empty(options.BenchmarkArgs);
    }

    [Fact]
    public void Parse_OwnOptions_AreTakenAndTheRestGoesToBenchmarkDotNet()
    {
        var options = BenchOptions.Parse(
            ["--scale", "medium", "--preset=ci", "--mysql", "Server=x", "--filter", "*Deep*", "--results", "/tmp/r", "--job", "short"], "/repo");

        Assert.Equal(("medium", BenchPreset.Ci, "bench_medium"), (options.Scale, options.Preset, options.Prefix));
        Assert.Equal("Server=x", options.Provisioning.ConnectionString);
        Assert.Equal("/tmp/r", options.ResultsDirectory);
        Assert.Equal(["--filter", "*Deep*", "--job", "short"], options.BenchmarkArgs);
    }

    [Fact]
    public void Parse_Gate_UsesTheGateDatabasesAndTheCommittedBaseline()
    {
        var options = BenchOptions.Parse(["gate", "--update-baseline"], "/repo");

        Assert.Equal(BenchCommand.Gate, options.Command);
        Assert.True(options.UpdateBaseline);
        Assert.Equal("bench_gate", options.Prefix);
        Assert.Equal(Path.Combine("/repo", "bench", "plan-baseline.json"), options.BaselinePath);
    }

    [Fact]
    public void Parse_CustomTrades_GetTheirOwnDatabases()
    {
        Assert.Equal("bench_small_3000000", BenchOptions.Parse(["plans", "--trades", "3000000"], "/repo").Prefix);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--trades", "-5"], "/repo"));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--preset", "fast"], "/repo"));
    }
}
