using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Reports;
using Spectre.Console.Testing;

namespace Perf.Tests.Load;

/// <summary>Runs short loads against a local server for the load-runner tests.</summary>
internal static class LoadTestSupport
{
    public static async Task<(RunSummary Summary, ReportInput Report, Perf.Harness.Results.RunManifest Manifest)> RunAsync(Uri url, string scenario, LoadProfile profile, int connections = 0, Func<RunSettings, RunSettings>? adjust = null)
    {
        // The test machine is shared and busy: judge generator health loosely unless a test is about it.
        var settings = RunSettings.Create(url, scenario, profile, connections) with
        {
            Validity = new ValidityCriteria(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(500), 0.5),
        };
        settings = adjust?.Invoke(settings) ?? settings;
        var target = LoadTarget.ForUrl(url);
        return await RunSession.ExecuteAsync(settings, target, null, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the load CLI in-process; returns its exit code, what it printed to its console, and what it wrote to standard error.</summary>
    public static async Task<(int Code, string Output, string Error)> RunCliAsync(string[] args, ProvisioningOptions? provisioning = null)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        var previous = Console.Error;
        // Console.Error is the process's: a test running beside this one (a sweep's seed progress) may take it up while it is
        // redirected and write to it after. Left undisposed (a StringWriter holds nothing to release), such a late line lands
        // here instead of failing that test with a closed writer.
        var error = new StringWriter();
        Console.SetError(error);
        try
        {
            var code = await LoadCli.RunAsync(args, console, provisioning, TestContext.Current.CancellationToken);
            return (code, console.Output, error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "perf-load-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
