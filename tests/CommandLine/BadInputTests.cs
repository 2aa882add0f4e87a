using System.CommandLine;
using Perf.Bench.Cli;
using Perf.Harness;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Spectre.Console.Testing;
using Telemetry.CommandLine;

namespace Perf.Tests.CommandLine;

/// <summary>Bad input to any tool is one line on stderr, the <c>--help</c> hint and exit 104 before any work: no stack trace, no results folder, no server.</summary>
/// <remarks>Arguments are given as one string split on <c>|</c>, so an empty value (<c>--mysql ""</c>) can be written.</remarks>
public sealed class BadInputTests
{
    /// <summary>Nothing listens on port 1: a command that got past its options fails on the server instead.</summary>
    private const string NoServer = "Server=127.0.0.1;Port=1;User ID=perf;Password=perf;Connect Timeout=1";

    private static readonly ProvisioningOptions NoLocalServer = new() { AllowTestcontainers = false, AllowLocalServer = false };

    [Theory]
    [InlineData("run|--url|http://127.0.0.1:9|--duration|1e300s", "--duration '1e300s' is longer than a duration can be")]
    [InlineData("run|--url|http://127.0.0.1:9|--duration|99999999999h", "--duration '99999999999h' is longer")]
    [InlineData("run|--url|http://127.0.0.1:9|--warmup|1e300s", "--warmup '1e300s' is longer")]
    [InlineData("run|--url|http://127.0.0.1:9|--graceful-stop|1e300", "--graceful-stop '1e300' is longer")]
    [InlineData("capacity|--url|http://127.0.0.1:9|--step-duration|1e300s", "--step-duration '1e300s' is longer")]
    public async Task Load_DurationTooLong_OneLineUsageError(string args, string message)
    {
        var (code, error) = await RunLoadAsync(args);

        AssertUsageError(code, error, "load", message);
    }

    [Theory]
    [InlineData("ci|--duration|1e300s", "--duration '1e300s' is longer")]
    [InlineData("report|--case-budget|99999999999h", "--case-budget '99999999999h' is longer")]
    public async Task Bench_DurationTooLong_OneLineUsageError(string args, string message)
    {
        var (code, error) = await RunBenchAsync(args);

        AssertUsageError(code, error, "bench", message);
    }

    [Theory]
    [InlineData("run|--duration|1e300s|--help")]
    [InlineData("capacity|--step-duration|99999999999h|--help")]
    public async Task Load_DurationTooLongWithHelp_PrintsHelp(string args)
    {
        var console = new TestConsole();
        using var error = new StringWriter();

        var code = await CommandLineRunner.RunAsync(CreateLoad(console), args.Split('|'), console.Profile.Out.Writer, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Usage:", console.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void Duration_TooLong_IsNotADuration()
    {
        Assert.False(Duration.TryParse("1e300s", out _));
        Assert.False(Duration.TryParse("99999999999h", out _));
        Assert.True(Duration.TryParse("10000h", out var long_));
        Assert.Equal(TimeSpan.FromHours(10_000), long_.Value);
        Assert.Contains("is longer than a duration can be", Assert.Throws<UsageException>(() => Duration.Parse("1e300s", "--x")).Message, StringComparison.Ordinal);
    }

    /// <summary>Exit 104, then exactly the one error line naming <paramref name="message"/> and the help hint.</summary>
    internal static void AssertUsageError(int code, string error, string tool, string message)
    {
        Assert.Equal(ExitCodes.UsageError, code);
        var lines = error.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{tool}: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.Matches($"^Run '{tool}( [a-z-]+)* --help' for usage\\.$", lines[1]);
    }

    internal static async Task<(int Code, string Error)> RunBenchAsync(string args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] arguments = [.. args.Split('|')];
        if (!arguments.Contains("--mysql"))
        {
            arguments = [.. arguments, "--mysql", NoServer];
        }

        var code = await BenchCli.RunAsync(arguments, output, error, TestContext.Current.CancellationToken);
        return (code, error.ToString());
    }

    internal static async Task<(int Code, string Error)> RunLoadAsync(string args)
    {
        var console = new TestConsole();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(CreateLoad(console), args.Split('|'), console.Profile.Out.Writer, error, TestContext.Current.CancellationToken);
        return (code, error.ToString());
    }

    internal static string[] RunDirectories()
    {
        var runs = Path.Combine(RepositoryPaths.FindRoot(), "results", "runs");
        return Directory.Exists(runs) ? Directory.GetDirectories(runs) : [];
    }

    private static Command CreateLoad(TestConsole console) => LoadCli.Create(new LoadContext(console, NoLocalServer, [], new HarnessOptions()));
}
