using System.Text.Json;
using Perf.Bench.Cli;
using Perf.Harness.Results;
using Perf.Seed.Cli;
using Perf.Tests.Reports;
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

    /// <summary>A folder holding another run: its manifest, summary and report were overwritten and mixed with this run's (bench report left the other sweep's measurements.json beside its own report).</summary>
    [Theory]
    [InlineData("plans")]
    [InlineData("report")]
    [InlineData("seed")]
    public async Task FolderHoldingARun_UsageErrorNothingOverwritten(string command)
    {
        var other = Path.Combine(directory.FullName, "other");
        await StoreSweepAsync(other);
        var manifest = await File.ReadAllTextAsync(Path.Combine(other, ResultWriter.ManifestFileName), TestContext.Current.CancellationToken);

        var (code, error) = await RunIntoAsync(command, other);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains($"--results: {other} holds another run (its manifest.json), whose files this run would overwrite: give a new or empty folder.", error, StringComparison.Ordinal);
        Assert.Equal(manifest, await File.ReadAllTextAsync(Path.Combine(other, ResultWriter.ManifestFileName), TestContext.Current.CancellationToken));
        Assert.Equal(2, Directory.GetFiles(other).Length);
    }

    /// <summary>A folder holding no run but a file of the name a run writes (report.md): bench report replaced it.</summary>
    [Theory]
    [InlineData("plans")]
    [InlineData("report")]
    [InlineData("seed")]
    public async Task FolderHoldingOtherFiles_UsageErrorNothingOverwritten(string command)
    {
        var notes = Path.Combine(directory.FullName, "notes");
        Directory.CreateDirectory(notes);
        var report = Path.Combine(notes, "report.md");
        await File.WriteAllTextAsync(report, "my notes", TestContext.Current.CancellationToken);

        var (code, error) = await RunIntoAsync(command, notes);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains($"--results: {notes} is not empty (it holds report.md), and a run's files could overwrite what it holds: give a new or empty folder.", error, StringComparison.Ordinal);
        Assert.Equal("my notes", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFileSystemEntries(notes));
    }

    [Fact]
    public async Task Bench_ReportIntoAnEmptyFolder_Allowed()
    {
        var empty = Path.Combine(directory.FullName, "empty");
        Directory.CreateDirectory(empty);

        var (code, error) = await RunIntoAsync("report", empty);

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(empty, "report.md")), error);
    }

    [Fact]
    public async Task Bench_ReportRenderedAgainInItsOwnFolder_Allowed()
    {
        var sweep = Path.Combine(directory.FullName, "sweep");
        await StoreSweepAsync(sweep);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BenchCli.RunAsync(["report", "--measurements", Path.Combine(sweep, "measurements.json"), "--results", sweep + "/"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(sweep, "report.md")), error.ToString());
    }

    /// <summary>Runs <paramref name="command"/> (bench's plans or report of a stored sweep, or the seeder) with <c>--results</c> <paramref name="results"/>; returns its exit code and stderr.</summary>
    private async Task<(int Code, string Error)> RunIntoAsync(string command, string results)
    {
        var sweep = Path.Combine(directory.FullName, "sweep");
        await StoreSweepAsync(sweep);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = command switch
        {
            "seed" => await SeedProgram.RunAsync(["--mysql", NoServer, "--results", results], output, error, TestContext.Current.CancellationToken),
            "report" => await BenchCli.RunAsync(["report", "--measurements", Path.Combine(sweep, "measurements.json"), "--results", results], output, error, TestContext.Current.CancellationToken),
            _ => await BenchCli.RunAsync([command, "--mysql", NoServer, "--results", results], output, error, TestContext.Current.CancellationToken),
        };
        return (code, error.ToString());
    }

    /// <summary>A stored sweep's folder: its manifest and measurements.</summary>
    private static async Task StoreSweepAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "measurements.json"), JsonSerializer.Serialize(SampleCapacityData.Create(), ResultWriter.JsonOptions), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, ResultWriter.ManifestFileName), JsonSerializer.Serialize(RunManifest.Create("report"), ResultWriter.JsonOptions), TestContext.Current.CancellationToken);
    }

    private async Task<(string File, string Results)> FolderUnderAFileAsync()
    {
        var file = Path.Combine(directory.FullName, "a-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);
        return (file, Path.Combine(file, "run"));
    }
}
