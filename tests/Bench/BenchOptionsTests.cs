using Perf.Bench;
using Perf.Bench.Cli;
using Perf.Harness;
using Telemetry.CommandLine;

namespace Perf.Tests.Bench;

public sealed class BenchOptionsTests
{
    [Fact]
    public void Parse_NoArguments_RunsTheFullSuiteOnSmall()
    {
        var options = BenchCli.ParseOptions([]);

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
        var options = BenchCli.ParseOptions(
            ["--preset", "medium", "--mode", "ci", "--mysql", "Server=x", "--filter", "*Deep*", "--results", "/tmp/r", "--job", "short"]);

        Assert.Equal(("medium", BenchPreset.Ci, "bench_medium"), (options.Scale, options.Preset, options.Prefix));
        Assert.Equal("Server=x", options.Provisioning.ConnectionString);
        Assert.Equal("/tmp/r", options.ResultsDirectory);
        Assert.Equal(["--filter", "*Deep*", "--job", "short"], options.BenchmarkArgs);
    }

    [Fact]
    public void Parse_Gate_UsesTheGateDatabasesAndTheCommittedBaseline()
    {
        var options = BenchCli.ParseOptions(["gate", "--update-baseline"]);

        Assert.Equal(BenchCommand.Gate, options.Command);
        Assert.True(options.UpdateBaseline);
        Assert.Equal("bench_gate", options.Prefix);
        Assert.Equal(BenchOptions.DefaultBaselinePath(RepositoryPaths.FindRoot()), options.BaselinePath);
    }

    [Fact]
    public void Parse_CustomTrades_GetTheirOwnDatabases()
    {
        Assert.Equal("bench_small_3000000", BenchCli.ParseOptions(["plans", "--trades", "3000000"]).Prefix);
        Assert.Throws<UsageException>(() => BenchCli.ParseOptions(["--trades", "-5"]));
        Assert.Throws<UsageException>(() => BenchCli.ParseOptions(["--preset", "huge"]));
        Assert.Throws<UsageException>(() => BenchCli.ParseOptions(["--mode", "fast"]));
    }
}
