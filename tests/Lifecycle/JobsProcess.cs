using System.Diagnostics;

namespace Perf.Tests.Lifecycle;

/// <summary>Runs the real Telemetry.Jobs CLI as a child process, to kill it like cron's host would be killed.</summary>
public static class JobsProcess
{
    /// <summary>Starts <c>dotnet Telemetry.Jobs.dll</c> with <paramref name="arguments"/>; output is captured.</summary>
    /// <param name="arguments">The command line after the program.</param>
    /// <param name="connectionString">Passed as PERF_MYSQL; null to pass none.</param>
    /// <param name="onOutput">When given, receives each line of standard output as it arrives.</param>
    public static Process Start(IEnumerable<string> arguments, string? connectionString = null, Action<string>? onOutput = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Telemetry.Jobs.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the test passes: never the developer's own PERF_MYSQL.
        start.Environment.Remove("PERF_MYSQL");
        if (connectionString is not null)
        {
            start.Environment["PERF_MYSQL"] = connectionString;
        }

        var process = new Process { StartInfo = start };
        if (onOutput is not null)
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    onOutput(e.Data);
                }
            };
            process.ErrorDataReceived += (_, _) => { };
        }

        process.Start();
        if (onOutput is not null)
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>Runs to completion and returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, string? connectionString = null)
    {
        using var process = Start(arguments, connectionString);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
