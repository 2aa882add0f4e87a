using Perf.Bench.Cli;
using Perf.Seed.Cli;
using Telemetry.CommandLine;

namespace Perf.Tests.CommandLine;

/// <summary>A server that cannot be had is one line and a nonzero exit from bench's commands that need one and from the seeder, never a stack trace.</summary>
public sealed class NoServerTests
{
    /// <summary>Nothing listens on port 1: the connection is refused at once.</summary>
    private const string NoServer = "Server=127.0.0.1;Port=1;User ID=perf;Password=perf;Connect Timeout=1";

    [Theory]
    [InlineData("")]
    [InlineData("plans")]
    [InlineData("gate")]
    [InlineData("statements")]
    [InlineData("archive")]
    public async Task Bench_Unreachable_OneLineAndFailure(string command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--mysql", NoServer];

        var code = await BenchCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(
            ["bench: Could not connect with the connection string from --mysql or PERF_MYSQL: Unable to connect to any of the specified MySQL hosts."],
            error.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Seed_Unreachable_OneLineNamingWhereTheServerCameFrom()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SeedProgram.RunAsync(["--mysql", NoServer], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(
            ["seed: Could not connect with the connection string from --mysql or PERF_MYSQL: Unable to connect to any of the specified MySQL hosts."],
            error.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
