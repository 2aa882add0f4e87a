using Perf.Bench.Cli;
using Perf.Seed.Cli;
using Telemetry.CommandLine;

namespace Perf.Tests.CommandLine;

/// <summary>A <c>--results</c> folder that cannot be written is a usage error before bench or the seeder touches a server (load's commands: <c>ExitCodeTests</c>).</summary>
public sealed class ResultsOptionTests : IDisposable
{
    /// <summary>Nothing listens on port 1: a command that got past its options would fail on the server instead.</summary>
    private const string NoServer = "Server=127.0.0.1;Port=1;User ID=perf;Password=perf;Connect Timeout=1";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-results-option-");

    public void Dispose() => directory.Delete(recursive: true);

    [Theory]
    [InlineData("")]
    [InlineData("plans")]
    [InlineData("gate")]
    [InlineData("report")]
    [InlineData("archive")]
    [InlineData("statements")]
    [InlineData("ci")]
    public async Task Bench_FolderUnderAFile_UsageErrorNamingIt(string command)
    {
        var (file, results) = await FolderUnderAFileAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BenchCli.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--mysql", NoServer, "--results", results], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains($"--results: cannot write results to {results}: {file} is a file.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Could not connect", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_FolderUnderAFile_UsageErrorNamingIt()
    {
        var (file, results) = await FolderUnderAFileAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SeedProgram.RunAsync(["--mysql", NoServer, "--results", results], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains($"--results: cannot write results to {results}: {file} is a file.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_EmptyResults_UsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BenchCli.RunAsync(["plans", "--mysql", NoServer, "--results", " "], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--results needs a folder.", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<(string File, string Results)> FolderUnderAFileAsync()
    {
        var file = Path.Combine(directory.FullName, "a-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);
        return (file, Path.Combine(file, "run"));
    }
}
