using System.CommandLine;
using Perf.Bench.Cli;
using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Perf.Seed.Cli;
using Perf.Tests.Infrastructure;
using Spectre.Console.Testing;
using Telemetry.CommandLine;
using Telemetry.Jobs;

namespace Perf.Tests.CommandLine;

/// <summary><c>--help</c> on every command of seed, load, bench and the jobs CLI prints help and does nothing else: no server, no job, no results folder.</summary>
[Collection(RunsFolderGroup.Name)]
public sealed class HelpTests
{
    /// <summary>A server nothing listens on: an action that ran would fail, not wait.</summary>
    private static readonly ProvisioningOptions NoServer = new() { ConnectionString = "Server=127.0.0.1;Port=1;Connect Timeout=1", AllowTestcontainers = false, AllowLocalServer = false };

    public static TheoryData<string> LoadCommands() => [.. Paths(LoadCli.Create(new LoadContext(new TestConsole(), NoServer, [], new Perf.Harness.CommandLine.HarnessOptions())))];

    public static TheoryData<string> SeedCommands() => [.. Paths(SeedProgram.Create([], TextWriter.Null, TextWriter.Null))];

    public static TheoryData<string> BenchCommands() => [.. Paths(BenchCli.Create([]).Root)];

    public static TheoryData<string> JobsCommands() => [.. Paths(new JobsCommandLine(_ => null).Create((_, _) => Task.FromResult(ExitCodes.Success)))];

    [Theory]
    [MemberData(nameof(LoadCommands))]
    public async Task Load_Help_PrintsHelpAndDoesNothingElse(string path)
    {
        var console = new TestConsole();
        var (args, results) = HelpArguments(path, LoadCli.Create(new LoadContext(console, NoServer, [], new Perf.Harness.CommandLine.HarnessOptions())));
        var runs = RunsFolderGroup.RunDirectories();

        var code = await LoadCli.RunAsync(args, console, NoServer, TestContext.Current.CancellationToken);

        AssertHelp(code, console.Output, path, results, runs);
    }

    [Theory]
    [MemberData(nameof(SeedCommands))]
    public async Task Seed_Help_PrintsHelpAndDoesNothingElse(string path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var (args, results) = HelpArguments(path, SeedProgram.Create([], output, error));
        var runs = RunsFolderGroup.RunDirectories();

        var code = await SeedProgram.RunAsync([.. args, "--mysql", NoServer.ConnectionString!], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, error.ToString());
        AssertHelp(code, output.ToString(), path, results, runs);
    }

    [Theory]
    [MemberData(nameof(JobsCommands))]
    public async Task Jobs_Help_PrintsHelpAndRunsNoJob(string path)
    {
        var ran = false;
        var root = new JobsCommandLine(_ => NoServer.ConnectionString).Create((_, _) =>
        {
            ran = true;
            return Task.FromResult(ExitCodes.Success);
        });
        var (args, results) = HelpArguments(path, root);
        var runs = RunsFolderGroup.RunDirectories();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineRunner.RunAsync(root, args, output, error, TestContext.Current.CancellationToken);

        Assert.False(ran, "--help ran the job");
        Assert.Equal(string.Empty, error.ToString());
        AssertHelp(code, output.ToString(), path, results, runs);
    }

    [Theory]
    [MemberData(nameof(BenchCommands))]
    public async Task Bench_Help_PrintsHelpAndDoesNothingElse(string path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var (args, results) = HelpArguments(path, BenchCli.Create([]).Root);
        args = [.. args, "--mysql", NoServer.ConnectionString!];
        var runs = RunsFolderGroup.RunDirectories();

        var code = await CommandLineRunner.RunAsync(BenchCli.Create(args).Root, args, output, error, TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, error.ToString());
        AssertHelp(code, output.ToString(), path, results, runs);
    }

    [Fact]
    public async Task Seed_UnknownFlag_OneLineHintAndUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SeedProgram.RunAsync(["--frobnicate"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal(["seed: error: Unrecognized command or argument '--frobnicate'.", "Run 'seed --help' for usage."], error.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.Equal(string.Empty, output.ToString());
    }

    private static IEnumerable<string> Paths(Command command, string prefix = "")
    {
        var path = prefix.Length == 0 ? command.Name : prefix + " " + command.Name;
        yield return path;
        foreach (var sub in command.Subcommands.SelectMany(c => Paths(c, path)))
        {
            yield return sub;
        }
    }

    /// <summary>The path's words after the tool name, <c>--help</c>, and <c>--results</c> pointing at a folder that must stay absent where the command takes one.</summary>
    private static (string[] Args, string? Results) HelpArguments(string path, Command root)
    {
        var words = path.Split(' ')[1..];
        var command = words.Aggregate(root, (c, word) => c.Subcommands.Single(s => s.Name == word));
        string[] args = [.. words, "--help"];
        if (!command.Options.Any(o => o.Name == "--results"))
        {
            return (args, null);
        }

        var results = Path.Combine(Path.GetTempPath(), "perf-help-" + Guid.NewGuid().ToString("N"));
        return ([.. args, "--results", results], results);
    }

    private static void AssertHelp(int code, string output, string path, string? results, string[] runsBefore)
    {
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.Contains("--help", output, StringComparison.Ordinal);
        if (results is not null)
        {
            Assert.False(Directory.Exists(results), $"--help created {results}");
        }

        Assert.Equal(runsBefore, RunsFolderGroup.RunDirectories());
    }
}
